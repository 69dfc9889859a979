"""Module files both ways: export the current text with its uids, and read an edited file
back as a revision set aligned to the current draft (by uid, then by text similarity)."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from consult.models import Module, ParagraphKind, RevisionSet, User
from consult.services import drafts, revisions
from consult.services.errors import Conflict
from consult.services.revisions import _longest_common_subsequence
from consult.services.sources import ModuleSource

SIMILAR_ENOUGH = 0.6


def export_markdown(session: Session, module: Module) -> str:
    """The current draft in the module file format, every block's {#uid} written out."""
    version = drafts.get_version(session, module)
    lines = [
        "---",
        f"code: {module.code}",
        f"slug: {module.slug}",
        f"title: {module.title}",
        f"deadline: {module.deadline.isoformat()}",
        "---",
        "",
    ]
    for p in drafts.paragraphs_of(session, version):
        if p.kind is ParagraphKind.HEADING:
            lines += [f"{'#' * p.level} {p.text} {{#{p.uid}}}", ""]
        elif p.kind is ParagraphKind.LIST_ITEM:
            marker = "-" if p.marker == "—" else "1."
            first, *rest = p.text.split("\n")
            indent = " " * (len(marker) + 1)
            lines += [f"{{#{p.uid}}}", f"{marker} {first}", *(indent + line for line in rest), ""]
        else:
            lines += [f"{{#{p.uid}}}", p.text, ""]
    return "\n".join(lines)


@dataclass
class Alignment:
    """How an edited file maps onto the current draft."""

    matched: dict[int, int] = field(default_factory=dict)  # block index -> paragraph id
    by_similarity: set[int] = field(default_factory=set)  # block indexes matched on text alone

    @property
    def summary(self) -> str:
        return f"{len(self.matched)} matched ({len(self.by_similarity)} by text similarity)"


def align(session: Session, module: Module, source: ModuleSource) -> Alignment:
    current = drafts.paragraphs_of(session, drafts.get_version(session, module))
    by_uid = {p.uid: p for p in current}
    alignment = Alignment()
    taken: set[int] = set()
    for i, block in enumerate(source.blocks):
        paragraph = by_uid.get(block.uid)
        if paragraph is not None:
            alignment.matched[i] = paragraph.paragraph_id
            taken.add(paragraph.paragraph_id)
    leftovers = [p for p in current if p.paragraph_id not in taken]
    candidates = []
    for i, block in enumerate(source.blocks):
        if i in alignment.matched:
            continue
        for p in leftovers:
            if (p.kind is ParagraphKind.HEADING) != (block.kind is ParagraphKind.HEADING):
                continue
            score = SequenceMatcher(a=p.text, b=block.text, autojunk=False).ratio()
            if score >= SIMILAR_ENOUGH:
                candidates.append((score, i, p.paragraph_id))
    for score, i, paragraph_id in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if i not in alignment.matched and paragraph_id not in taken:
            alignment.matched[i] = paragraph_id
            alignment.by_similarity.add(i)
            taken.add(paragraph_id)
    return alignment


@dataclass
class ImportProposal:
    revision_set: RevisionSet | None
    alignment: Alignment
    counts: dict[str, int]


def propose_revision(session: Session, editor: User | None, module: Module, source: ModuleSource) -> ImportProposal:
    """Turn an edited file into an open revision set; none when the file changes nothing."""
    if revisions.current_set(session, module) is not None:
        raise Conflict(f"{module.code} already has an open revision set; publish or abandon it first.")
    current = drafts.paragraphs_of(session, drafts.get_version(session, module))
    by_id = {p.paragraph_id: p for p in current}
    alignment = align(session, module, source)
    matched_in_new_order = [alignment.matched[i] for i in range(len(source.blocks)) if i in alignment.matched]
    stay = _longest_common_subsequence([p.paragraph_id for p in current], matched_in_new_order)

    plan: list[tuple] = []
    previous_uid: str | None = None
    for i, block in enumerate(source.blocks):
        paragraph_id = alignment.matched.get(i)
        if paragraph_id is None:
            plan.append(("insert", block, previous_uid))
            previous_uid = block.uid
            continue
        old = by_id[paragraph_id]
        if paragraph_id not in stay:
            plan.append(("move", old.uid, previous_uid))
        if block.text != old.text:
            plan.append(("edit", old.uid, block.text))
        previous_uid = old.uid
    kept = set(alignment.matched.values())
    plan += [("delete", p.uid) for p in current if p.paragraph_id not in kept]

    counts = {kind: sum(1 for step in plan if step[0] == kind) for kind in ("edit", "insert", "delete", "move")}
    if not plan:
        return ImportProposal(None, alignment, counts)
    revision_set = revisions.open_set(session, editor, module, f"Changes imported from {source.filename}")
    uid_for_block: dict[str, str] = {}
    for step in plan:
        kind = step[0]
        if kind == "insert":
            block, after = step[1], step[2]
            after = uid_for_block.get(after, after)
            change = revisions.insert_paragraph(
                session, editor, revision_set, after, block.text, block.kind.value, block.level,
                block.ordered, note="imported", uid=block.uid)
            uid_for_block[block.uid] = change.paragraph.uid
        elif kind == "move":
            revisions.move_paragraph(session, editor, revision_set, step[1], uid_for_block.get(step[2], step[2]),
                                     note="imported")
        elif kind == "edit":
            revisions.edit_paragraph(session, editor, revision_set, step[1], step[2], note="imported")
        else:
            revisions.delete_paragraph(session, editor, revision_set, step[1], note="imported")
    session.refresh(revision_set)
    return ImportProposal(revision_set, alignment, counts)


def module_for(session: Session, slug: str) -> Module | None:
    """The module a source names, if it was imported before."""
    return session.scalar(select(Module).where(Module.slug == slug))
