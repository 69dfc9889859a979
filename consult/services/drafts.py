"""Publishing module sources as drafts and reading them back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consult.models import Module, Paragraph, ParagraphVersion, Version
from consult.services import audit
from consult.services.errors import NotFound
from consult.services.rendering import render_markdown
from consult.services.sources import ModuleSource, assign_references


class ModuleExists(ValueError):
    """A new-module import named a slug that is already taken."""


class UidTaken(ValueError):
    """A source gives a uid that another module's paragraph already holds."""


def publish_new_module(session: Session, source: ModuleSource) -> Module:
    """Create a module from its source and publish the text at once as Draft 1."""
    if session.scalar(select(Module.id).where(Module.slug == source.slug)) is not None:
        raise ModuleExists(f"module {source.slug} already exists")
    uids = [block.uid for block in source.blocks]
    taken = session.scalars(select(Paragraph.uid).where(Paragraph.uid.in_(uids))).all()
    if taken:
        raise UidTaken(f"{source.filename}: uid {taken[0]!r} already belongs to another paragraph")

    module = Module(slug=source.slug, code=source.code, title=source.title, deadline=source.deadline)
    version = Version(module=module, number=1, summary="First draft for consultation.")
    session.add_all([module, version])
    for position, (block, (reference, marker)) in enumerate(
        zip(source.blocks, assign_references(source.blocks)), start=1
    ):
        paragraph = Paragraph(uid=block.uid, module=module)
        session.add(ParagraphVersion(
            version=version, paragraph=paragraph, position=position, kind=block.kind,
            level=block.level, clause=block.clause, reference=reference, marker=marker,
            text=block.text, html=render_markdown(block.text, inline=block.level > 0),
        ))
    session.flush()
    return module


@dataclass(frozen=True)
class ModuleSummary:
    module: Module
    current_version: int


def set_deadline(session: Session, actor, module: Module, deadline) -> None:
    """Extend, shorten or reopen a consultation by moving its deadline (audited)."""
    if deadline != module.deadline:
        audit.record(session, actor, "module.deadline_change", module,
                     old=module.deadline.isoformat(), new=deadline.isoformat())
        module.deadline = deadline


def get_module(session: Session, slug: str) -> Module:
    module = session.scalar(select(Module).where(Module.slug == slug))
    if module is None:
        raise NotFound(f"no module {slug!r}")
    return module


def get_version(session: Session, module: Module, number: int | None = None) -> Version:
    """The given version of a module, or its current (latest published) one."""
    query = select(Version).where(Version.module_id == module.id)
    if number is None:
        query = query.order_by(Version.number.desc()).limit(1)
    else:
        query = query.where(Version.number == number)
    version = session.scalar(query)
    if version is None:
        raise NotFound(f"{module.code} has no Draft {number}")
    return version


def find_paragraph(session: Session, module: Module, uid: str, version: Version) -> ParagraphVersion:
    """A paragraph of `module` as it reads in `version`."""
    paragraph = session.scalar(
        select(ParagraphVersion).join(Paragraph)
        .where(Paragraph.uid == uid, Paragraph.module_id == module.id, ParagraphVersion.version_id == version.id))
    if paragraph is None:
        raise NotFound(f"{module.code} {version.label} has no paragraph {uid!r}")
    return paragraph


def latest_text_of(session: Session, module: Module, uid: str) -> ParagraphVersion:
    """A paragraph as it reads in the newest version that has it (current, or when it was deleted)."""
    paragraph = session.scalar(
        select(ParagraphVersion).join(Paragraph).join(Version, Version.id == ParagraphVersion.version_id)
        .where(Paragraph.uid == uid, Paragraph.module_id == module.id)
        .order_by(Version.number.desc()).limit(1))
    if paragraph is None:
        raise NotFound(f"{module.code} has no paragraph {uid!r}")
    return paragraph


def version_numbers(session: Session, module: Module) -> list[int]:
    return list(session.scalars(
        select(Version.number).where(Version.module_id == module.id).order_by(Version.number)
    ))


def list_versions(session: Session, module: Module) -> list[tuple[Version, int]]:
    """Every version of a module with its paragraph count, oldest first."""
    counts = (
        select(ParagraphVersion.version_id, func.count().label("n"))
        .group_by(ParagraphVersion.version_id).subquery()
    )
    rows = session.execute(
        select(Version, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.version_id == Version.id)
        .where(Version.module_id == module.id).order_by(Version.number)
    )
    return [(version, count) for version, count in rows]


def paragraphs_of(session: Session, version: Version) -> list[ParagraphVersion]:
    """A version's paragraphs in reading order, with their uids loaded (one query)."""
    return list(session.scalars(
        select(ParagraphVersion).where(ParagraphVersion.version_id == version.id)
        .order_by(ParagraphVersion.position)
    ))


def list_modules(session: Session) -> list[ModuleSummary]:
    """Every module with its current draft number, in code order."""
    current = (
        select(Version.module_id, func.max(Version.number).label("number"))
        .group_by(Version.module_id).subquery()
    )
    rows = session.execute(
        select(Module, current.c.number).join(current, current.c.module_id == Module.id)
        .order_by(Module.code)
    )
    return [ModuleSummary(module, number) for module, number in rows]


@dataclass
class TocEntry:
    paragraph: ParagraphVersion
    children: list[TocEntry]


def table_of_contents(paragraphs: list[ParagraphVersion]) -> list[TocEntry]:
    """The clause headings as a tree (clauses with their subclauses), title left out."""
    roots: list[TocEntry] = []
    stack: list[TocEntry] = []
    for paragraph in paragraphs:
        if paragraph.level < 2:
            continue
        entry = TocEntry(paragraph, [])
        while stack and stack[-1].paragraph.level >= paragraph.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    return roots
