"""Revision sets: changes to a module's current draft, previewed and published as the next one."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from consult.models import (
    ChangeKind,
    Comment,
    Decision,
    Module,
    Paragraph,
    ParagraphKind,
    ParagraphVersion,
    RevisionChange,
    RevisionSet,
    RevisionSetState,
    User,
    Version,
)
from consult.permissions import can_decide
from consult.services import audit, dispositions, drafts
from consult.services.diffing import word_diff
from consult.services.errors import Conflict, Forbidden, InvalidInput, NotFound
from consult.services.rendering import render_markdown
from consult.services.sources import (
    ANNEX_HEADING,
    EXAMPLE_START,
    NOTE_START,
    NUMBERED_HEADING,
    Block,
    assign_references,
    derive_uid,
)


UNNUMBERED_PARTS = {"Foreword", "Introduction", "Bibliography"}
PROSE_KINDS = (ParagraphKind.PARAGRAPH, ParagraphKind.NOTE, ParagraphKind.EXAMPLE)


def prose_kind(text: str) -> ParagraphKind:
    if NOTE_START.match(text):
        return ParagraphKind.NOTE
    if EXAMPLE_START.match(text):
        return ParagraphKind.EXAMPLE
    return ParagraphKind.PARAGRAPH


@dataclass
class DraftParagraph:
    """A paragraph of a draft being built (or of a published version, for comparing)."""

    paragraph_id: int
    uid: str
    kind: ParagraphKind
    level: int
    text: str
    ordered: bool = True
    clause: str = ""
    reference: str = ""
    marker: str = ""
    change: RevisionChange | None = None
    html: str = ""  # the published rendering, while the text is unchanged

    @classmethod
    def of(cls, p: ParagraphVersion) -> DraftParagraph:
        return cls(p.paragraph_id, p.uid, p.kind, p.level, p.text, p.marker != "—", p.clause, p.reference, p.marker,
                   html=p.html)

    @property
    def rendered(self) -> Markup:
        return Markup(self.html) if self.html else render_markdown(self.text, inline=self.level > 0)


def _require_editor(user: User | None) -> None:
    """Editors may; None stands for the command line, which is trusted."""
    if user is not None and not can_decide(user):
        raise Forbidden("Only editors build revision sets.")


def open_set(session: Session, editor: User | None, module: Module, title: str = "") -> RevisionSet:
    """Open the module's revision set on its current draft; there is at most one open at a time."""
    _require_editor(editor)
    if current_set(session, module) is not None:
        raise Conflict(f"{module.code} already has an open revision set; add to it or abandon it first.")
    base = drafts.get_version(session, module)
    revision_set = RevisionSet(module=module, base_version=base, created_by=editor,
                               title=title.strip() or f"Towards Draft {base.number + 1}")
    session.add(revision_set)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"{module.code} already has an open revision set.") from None
    audit.record(session, editor, "revision_set.open", revision_set, module=module.slug, base=base.number)
    return revision_set


def current_set(session: Session, module: Module) -> RevisionSet | None:
    return session.scalar(select(RevisionSet).where(
        RevisionSet.module_id == module.id, RevisionSet.state == RevisionSetState.OPEN))


def get_set(session: Session, set_id: int) -> RevisionSet:
    revision_set = session.scalar(select(RevisionSet).where(RevisionSet.id == set_id).options(
        selectinload(RevisionSet.changes).selectinload(RevisionChange.comments),
        selectinload(RevisionSet.changes).joinedload(RevisionChange.paragraph)))
    if revision_set is None:
        raise NotFound(f"no revision set {set_id}")
    return revision_set


def _open(revision_set: RevisionSet) -> None:
    if revision_set.state is not RevisionSetState.OPEN:
        raise Conflict(f"This revision set is {revision_set.state.value}; it can no longer change.")


def _paragraph_in_base(session: Session, revision_set: RevisionSet, uid: str) -> ParagraphVersion:
    return drafts.find_paragraph(session, revision_set.module, uid, revision_set.base_version)


def _linked_comments(session: Session, revision_set: RevisionSet, comment_ids) -> list[Comment]:
    found = []
    for comment_id in dict.fromkeys(comment_ids or ()):
        comment = session.get(Comment, int(comment_id))
        if comment is None or comment.module_id != revision_set.module_id:
            raise InvalidInput({"comments": f"Comment #{comment_id} is not a comment on {revision_set.module.code}."})
        found.append(comment)
    return found


def _clean_text(text: str | None) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise InvalidInput({"text": "The paragraph needs some text."})
    if len(text) > 20_000:
        raise InvalidInput({"text": "Keep a paragraph under 20,000 characters."})
    return text


def edit_paragraph(session: Session, editor: User | None, revision_set: RevisionSet, uid: str, text: str,
                   comment_ids=(), note: str = "") -> RevisionChange:
    """Change a paragraph's text; a second edit of the same paragraph replaces the first."""
    _require_editor(editor)
    _open(revision_set)
    paragraph = _paragraph_in_base(session, revision_set, uid)
    text = _clean_text(text)
    new_kind = None
    if paragraph.kind is ParagraphKind.HEADING:
        text = text.lstrip("#").strip()
    elif paragraph.kind in PROSE_KINDS:
        new_kind = prose_kind(text)  # "NOTE …" makes a note, and so on
        new_kind = None if new_kind is paragraph.kind else new_kind
    comments = _linked_comments(session, revision_set, comment_ids)
    change = next((c for c in revision_set.changes
                   if c.kind is ChangeKind.EDIT and c.paragraph_id == paragraph.paragraph_id), None)
    if change is None:
        change = RevisionChange(revision_set=revision_set, kind=ChangeKind.EDIT, paragraph_id=paragraph.paragraph_id,
                                created_by=editor)
        session.add(change)
    change.text, change.note, change.new_kind = text, note.strip(), new_kind
    change.comments = list(dict.fromkeys([*change.comments, *comments]))
    session.flush()
    return change


def insert_paragraph(session: Session, editor: User | None, revision_set: RevisionSet, after_uid: str | None,
                     text: str, kind: str = "paragraph", level: int = 0, ordered: bool = True,
                     comment_ids=(), note: str = "", uid: str | None = None) -> RevisionChange:
    """Add a new paragraph after another (or at the start); its uid is fixed now and kept."""
    _require_editor(editor)
    _open(revision_set)
    try:
        kind_value = ParagraphKind(kind)
    except ValueError:
        raise InvalidInput({"kind": "Choose a kind of paragraph."}) from None
    text = _clean_text(text)
    if kind_value is ParagraphKind.HEADING:
        if level not in (2, 3, 4, 5, 6):
            raise InvalidInput({"level": "A new heading is a clause (2) or a subclause (3 to 6)."})
        text = text.lstrip("#").strip()
        if level == 2 and not (NUMBERED_HEADING.match(text) or ANNEX_HEADING.match(text) or text in UNNUMBERED_PARTS):
            text = f"0 {text}"  # a numbered clause; publishing gives it its number
    else:
        level = 0
    anchor = _paragraph_in_base_or_inserted(session, revision_set, after_uid) if after_uid else None
    comments = _linked_comments(session, revision_set, comment_ids)
    module = revision_set.module
    if uid is None or session.scalar(select(Paragraph.id).where(Paragraph.uid == uid)) is not None:
        uid = _fresh_uid(session, module.slug, text)
    paragraph = Paragraph(uid=uid, module=module)
    change = RevisionChange(revision_set=revision_set, kind=ChangeKind.INSERT, paragraph=paragraph,
                            after_paragraph_id=anchor, text=text, new_kind=kind_value, level=level,
                            ordered=ordered, comments=comments, note=note.strip(), created_by=editor)
    session.add_all([paragraph, change])
    session.flush()
    return change


def _paragraph_in_base_or_inserted(session, revision_set, uid) -> int:
    paragraph = session.scalar(select(Paragraph).where(Paragraph.uid == uid, Paragraph.module_id == revision_set.module_id))
    if paragraph is None:
        raise InvalidInput({"after": f"There is no paragraph {uid!r} in {revision_set.module.code}."})
    return paragraph.id


def _fresh_uid(session: Session, slug: str, text: str) -> str:
    occurrence = 1
    while True:
        uid = derive_uid(slug, text, occurrence + 1000)
        if session.scalar(select(Paragraph.id).where(Paragraph.uid == uid)) is None:
            return uid
        occurrence += 1


def delete_paragraph(session: Session, editor: User | None, revision_set: RevisionSet, uid: str,
                     comment_ids=(), note: str = "") -> RevisionChange:
    _require_editor(editor)
    _open(revision_set)
    paragraph = _paragraph_in_base(session, revision_set, uid)
    if paragraph.level == 1:
        raise InvalidInput({"uid": "The document title stays."})
    change = RevisionChange(revision_set=revision_set, kind=ChangeKind.DELETE, paragraph_id=paragraph.paragraph_id,
                            comments=_linked_comments(session, revision_set, comment_ids), note=note.strip(),
                            created_by=editor)
    session.add(change)
    session.flush()
    return change


def move_paragraph(session: Session, editor: User | None, revision_set: RevisionSet, uid: str, after_uid: str | None,
                   comment_ids=(), note: str = "") -> RevisionChange:
    _require_editor(editor)
    _open(revision_set)
    paragraph = _paragraph_in_base(session, revision_set, uid)
    anchor = _paragraph_in_base_or_inserted(session, revision_set, after_uid) if after_uid else None
    if anchor == paragraph.paragraph_id:
        raise InvalidInput({"after": "A paragraph cannot move after itself."})
    change = RevisionChange(revision_set=revision_set, kind=ChangeKind.MOVE, paragraph_id=paragraph.paragraph_id,
                            after_paragraph_id=anchor, comments=_linked_comments(session, revision_set, comment_ids),
                            note=note.strip(), created_by=editor)
    session.add(change)
    session.flush()
    return change


def remove_change(session: Session, editor: User, revision_set: RevisionSet, change_id: int) -> None:
    """Take a change back out of an open revision set (it was never published)."""
    _require_editor(editor)
    _open(revision_set)
    change = next((c for c in revision_set.changes if c.id == change_id), None)
    if change is None:
        raise NotFound(f"revision set {revision_set.id} has no change {change_id}")
    change.comments = []
    revision_set.changes.remove(change)
    session.delete(change)
    session.flush()


# Building the next draft -----------------------------------------------------------------

def build_draft(session: Session, revision_set: RevisionSet) -> tuple[list[DraftParagraph], list[DraftParagraph]]:
    """The next draft's paragraphs in order (clauses renumbered), and the ones deleted."""
    base = [DraftParagraph.of(p) for p in drafts.paragraphs_of(session, revision_set.base_version)]
    base_order = [p.paragraph_id for p in base]
    by_id = {p.paragraph_id: p for p in base}
    order = list(base_order)
    deleted: list[DraftParagraph] = []
    for change in revision_set.changes:
        if change.kind is ChangeKind.EDIT and change.paragraph_id in by_id:
            edited = by_id[change.paragraph_id]
            by_id[change.paragraph_id] = replace(edited, text=change.text, kind=change.new_kind or edited.kind,
                                                 change=change, html="")
        elif change.kind is ChangeKind.DELETE and change.paragraph_id in order:
            order.remove(change.paragraph_id)
            deleted.append(replace(by_id[change.paragraph_id], change=change))
        elif change.kind is ChangeKind.INSERT:
            by_id[change.paragraph_id] = DraftParagraph(
                change.paragraph_id, change.paragraph.uid, change.new_kind, change.level, change.text,
                change.ordered, change=change)
            order.insert(_slot_after(order, base_order, change.after_paragraph_id), change.paragraph_id)
        elif change.kind is ChangeKind.MOVE and change.paragraph_id in order:
            order.remove(change.paragraph_id)
            order.insert(_slot_after(order, base_order, change.after_paragraph_id), change.paragraph_id)
            if by_id[change.paragraph_id].change is None:
                by_id[change.paragraph_id] = replace(by_id[change.paragraph_id], change=change)
    draft = renumber([by_id[pid] for pid in order])
    return draft, deleted


def _slot_after(order: list[int], base_order: list[int], anchor: int | None) -> int:
    """Index just after `anchor`; a deleted anchor counts as the nearest earlier survivor."""
    if anchor is None:
        return 1 if order else 0  # after the title, which always opens the document
    if anchor in order:
        return order.index(anchor) + 1
    if anchor in base_order:
        for earlier in reversed(base_order[:base_order.index(anchor)]):
            if earlier in order:
                return order.index(earlier) + 1
    return len(order)


def renumber(paragraphs: list[DraftParagraph]) -> list[DraftParagraph]:
    """Recompute clause numbers (and heading texts), clauses and references, in order."""
    result = []
    counters: list[int] = [0] * 8
    annexes = 0
    numbers: dict[int, str] = {}  # level -> clause number of the open heading there
    clause = ""
    for p in paragraphs:
        if p.kind is ParagraphKind.HEADING:
            text = p.text
            if p.level == 1:
                clause = ""
            elif p.level == 2:
                if ANNEX_HEADING.match(text):
                    annexes += 1
                    clause = chr(ord("A") + annexes - 1)
                    text = ANNEX_HEADING.sub(f"Annex {clause}", text, count=1)
                    counters[3:] = [0] * 5
                elif NUMBERED_HEADING.match(text):
                    counters[2] += 1
                    counters[3:] = [0] * 5
                    clause = str(counters[2])
                    text = _renumber_text(text, clause)
                else:
                    clause = text
                    counters[3:] = [0] * 5
            else:
                parent = numbers.get(p.level - 1, "")
                counters[p.level] += 1
                counters[p.level + 1:] = [0] * (7 - p.level)
                clause = f"{parent}.{counters[p.level]}" if parent else str(counters[p.level])
                text = _renumber_text(text, clause)
            numbers[p.level] = clause
            for deeper in [level for level in numbers if level > p.level]:
                del numbers[deeper]
            p = replace(p, text=text, html=p.html if text == p.text else "")
        result.append(replace(p, clause=clause))
    blocks = [Block(kind=p.kind, text=p.text, line=0, clause=p.clause, level=p.level, ordered=p.ordered) for p in result]
    return [replace(p, reference=reference, marker=marker)
            for p, (reference, marker) in zip(result, assign_references(blocks))]


_LEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)+)(?=\s)")


def _renumber_text(text: str, number: str) -> str:
    if _LEADING_NUMBER.match(text):
        return _LEADING_NUMBER.sub(number, text, count=1)
    return f"{number} {text}"


# Comparing ----------------------------------------------------------------------------

@dataclass
class DiffRow:
    status: str  # unchanged, edited, renumbered, inserted, deleted, moved
    old: DraftParagraph | None
    new: DraftParagraph | None
    diff_html: str = ""
    changes: list = field(default_factory=list)

    @property
    def paragraph(self) -> DraftParagraph:
        return self.new or self.old


def compare(old: list[DraftParagraph], new: list[DraftParagraph]) -> list[DiffRow]:
    """Paragraph by paragraph: what `new` did to `old`, deleted ones at their former place."""
    old_by_id = {p.paragraph_id: p for p in old}
    new_ids = {p.paragraph_id for p in new}
    common_old = [p.paragraph_id for p in old if p.paragraph_id in new_ids]
    common_new = [p.paragraph_id for p in new if p.paragraph_id in old_by_id]
    stayed = _longest_common_subsequence(common_old, common_new)
    rows: list[DiffRow] = []
    pending_deleted = [p for p in old if p.paragraph_id not in new_ids]
    old_position = {p.paragraph_id: i for i, p in enumerate(old)}
    for p in new:
        before = old_by_id.get(p.paragraph_id)
        if before is not None:
            while pending_deleted and old_position[pending_deleted[0].paragraph_id] < old_position[p.paragraph_id]:
                gone = pending_deleted.pop(0)
                rows.append(DiffRow("deleted", gone, None, str(word_diff(gone.text, ""))))
        if before is None:
            rows.append(DiffRow("inserted", None, p, str(word_diff("", p.text))))
            continue
        text_changed = before.text != p.text
        if p.paragraph_id not in stayed:
            status = "moved"
        elif not text_changed:
            status = "unchanged"
        elif p.kind is ParagraphKind.HEADING and _without_number(before.text) == _without_number(p.text):
            status = "renumbered"
        else:
            status = "edited"
        rows.append(DiffRow(status, before, p, str(word_diff(before.text, p.text)) if text_changed else ""))
    rows += [DiffRow("deleted", gone, None, str(word_diff(gone.text, ""))) for gone in pending_deleted]
    return rows


def _without_number(text: str) -> str:
    return ANNEX_HEADING.sub("Annex", _LEADING_NUMBER.sub("", text, count=1)).strip()


def _longest_common_subsequence(a: list[int], b: list[int]) -> set[int]:
    """Ids that keep their relative order (patience-style LIS over positions)."""
    position = {value: i for i, value in enumerate(a)}
    sequence = [position[value] for value in b]
    tails: list[int] = []
    tails_index: list[int] = []
    previous = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tails_index.append(i)
        else:
            tails[k] = value
            tails_index[k] = i
        previous[i] = tails_index[k - 1] if k else -1
    result = set()
    i = tails_index[-1] if tails_index else -1
    while i >= 0:
        result.add(b[i])
        i = previous[i]
    return result


def version_paragraphs(session: Session, version: Version) -> list[DraftParagraph]:
    return [DraftParagraph.of(p) for p in drafts.paragraphs_of(session, version)]


def preview(session: Session, revision_set: RevisionSet) -> list[DiffRow]:
    draft, _ = build_draft(session, revision_set)
    rows = compare(version_paragraphs(session, revision_set.base_version), draft)
    for row in rows:
        if row.paragraph.change is not None:
            row.changes = [row.paragraph.change]
    return rows


# Publishing ---------------------------------------------------------------------------

def publish(session: Session, editor: User | None, revision_set: RevisionSet, summary: str = "") -> Version:
    """Publish the revision set as the module's next version, all or nothing.

    Unchanged and edited paragraphs keep their uids; clause numbers are recomputed; the
    comments linked to its changes get a disposition if they had none. The caller commits.
    """
    _require_editor(editor)
    _open(revision_set)
    module = revision_set.module
    current = drafts.get_version(session, module)
    if current.id != revision_set.base_version_id:
        raise Conflict(f"{module.code} moved on to {current.label} since this revision set was opened.")
    if not revision_set.changes:
        raise InvalidInput({"changes": "Add at least one change before publishing."})
    draft, _ = build_draft(session, revision_set)
    version = Version(module=module, number=current.number + 1,
                      summary=summary.strip() or revision_set.title)
    session.add(version)
    session.flush()
    session.add_all([
        ParagraphVersion(version=version, paragraph_id=p.paragraph_id, position=position, kind=p.kind,
                         level=p.level, clause=p.clause, reference=p.reference, marker=p.marker, text=p.text,
                         html=str(p.rendered))
        for position, p in enumerate(draft, start=1)
    ])
    revision_set.state = RevisionSetState.PUBLISHED
    revision_set.published_version = version
    revision_set.closed_at = datetime.now(timezone.utc)
    session.flush()
    _dispose_linked_comments(session, editor, revision_set, version)
    audit.record(session, editor, "revision_set.publish", revision_set, module=module.slug,
                 version=version.number, changes=len(revision_set.changes))
    return version


def _dispose_linked_comments(session: Session, editor: User, revision_set: RevisionSet, version: Version) -> None:
    for change in revision_set.changes:
        for comment in change.comments:
            if comment.decision is not None or comment.parent_id is not None:
                continue
            verbatim = (change.kind is ChangeKind.EDIT and comment.proposed_change
                        and comment.proposed_change.strip() == (change.text or "").strip())
            decision = Decision.ACCEPTED if verbatim else Decision.ACCEPTED_IN_PRINCIPLE
            response = ("Accepted as proposed in " if verbatim else "Addressed in ") + \
                f"{version.label}: {describe(change)}."
            dispositions.decide(session, editor, comment.id, dispositions.DispositionInput(
                decision=decision.value, response=response, revision=comment.disposition_revision),
                revision_set_id=revision_set.id)


def describe(change: RevisionChange) -> str:
    what = {ChangeKind.EDIT: "text changed", ChangeKind.INSERT: "paragraph added",
            ChangeKind.DELETE: "paragraph deleted", ChangeKind.MOVE: "paragraph moved"}[change.kind]
    return f"{what} ({change.paragraph.uid})"


def abandon(session: Session, editor: User, revision_set: RevisionSet) -> None:
    _require_editor(editor)
    _open(revision_set)
    revision_set.state = RevisionSetState.ABANDONED
    revision_set.closed_at = datetime.now(timezone.utc)
    audit.record(session, editor, "revision_set.abandon", revision_set, module=revision_set.module.slug)
    session.flush()
