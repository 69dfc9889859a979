"""Recording the editors' decision on each comment, with its full history."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from consult.models import Comment, CommentState, Decision, Disposition, NotificationKind, User
from consult.permissions import can_decide
from consult.services import audit, notifications
from consult.services.comments import get_comment
from consult.services.errors import Conflict, Forbidden, InvalidInput

MAX_RESPONSE_LENGTH = 10_000


class StaleDisposition(Conflict):
    code = "stale_disposition"


@dataclass
class DispositionInput:
    decision: str | None
    response: str = ""
    duplicate_of: int | None = None
    revision: int | None = None  # the disposition revision the editor saw (0: none)

    @classmethod
    def from_mapping(cls, data) -> DispositionInput:
        errors = {}
        revision = data.get("revision")
        if isinstance(revision, str) and revision.isdigit():
            revision = int(revision)
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
            errors["revision"] = "Give the disposition revision you saw (0 when there was none)."
        duplicate_of = data.get("duplicate_of")
        if duplicate_of in ("", None):
            duplicate_of = None
        elif isinstance(duplicate_of, str) and duplicate_of.lstrip("#").isdigit():
            duplicate_of = int(duplicate_of.lstrip("#"))
        elif isinstance(duplicate_of, bool) or not isinstance(duplicate_of, int):
            errors["duplicate_of"] = "Give the number of the comment this one repeats."
        response = data.get("response") or ""
        if not isinstance(response, str):
            errors["response"] = "must be text"
        decision = data.get("decision")
        if decision is not None and not isinstance(decision, str):
            errors["decision"] = "must be text"
        if errors:
            raise InvalidInput(errors)
        return cls(decision=decision, response=response, duplicate_of=duplicate_of, revision=revision)


def _check(session: Session, comment: Comment, data: DispositionInput) -> tuple[Decision, str, int | None]:
    errors = {}
    try:
        decision = Decision(data.decision or "")
    except ValueError:
        decision = None
        errors["decision"] = "Choose accepted, accepted in principle, rejected, noted or duplicate."
    response = (data.response or "").replace("\r\n", "\n").strip()
    if decision is not None and decision.needs_response and not response:
        errors["response"] = f"A response is required when a comment is {decision.label.lower()}: say why."
    if len(response) > MAX_RESPONSE_LENGTH:
        errors["response"] = f"Keep the response to {MAX_RESPONSE_LENGTH:,} characters."
    duplicate_of = None
    if decision is Decision.DUPLICATE:
        original = session.get(Comment, data.duplicate_of) if data.duplicate_of else None
        if original is None or original.module_id != comment.module_id:
            errors["duplicate_of"] = "Name the comment (of the same module) that this one repeats."
        elif original.id == comment.id:
            errors["duplicate_of"] = "A comment cannot duplicate itself."
        else:
            duplicate_of = original.id
    elif data.duplicate_of:
        errors["duplicate_of"] = "Only a duplicate names another comment."
    if errors:
        raise InvalidInput(errors)
    return decision, response, duplicate_of


def decide(session: Session, editor: User | None, comment_id: int, data: DispositionInput,
           revision_set_id: int | None = None) -> Comment:
    """Record a disposition if the editor saw the latest one; otherwise StaleDisposition (409)."""
    if editor is not None and not can_decide(editor):  # None: the command line
        raise Forbidden("Only editors record dispositions.")
    comment = get_comment(session, comment_id)
    if comment.parent_id is not None:
        raise InvalidInput({"decision": "Replies are part of a discussion; decide on the comment they answer."})
    decision, response, duplicate_of = _check(session, comment, data)
    seen = data.revision if data.revision is not None else comment.disposition_revision
    # Compare-and-set in the database, so two processes cannot both win.
    claimed = session.execute(
        update(Comment).where(Comment.id == comment.id, Comment.disposition_revision == seen)
        .values(disposition_revision=seen + 1, decision=decision.value)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        session.refresh(comment)
        raise StaleDisposition(
            f"Comment #{comment.id} was decided by someone else while you looked at it "
            f"(revision {comment.disposition_revision}, you saw {seen}). Reload to see their decision.")
    session.add(Disposition(
        comment_id=comment.id, revision=seen + 1, decision=decision, response=response,
        duplicate_of_id=duplicate_of, editor=editor, revision_set_id=revision_set_id))
    try:
        session.flush()
    except IntegrityError:
        raise StaleDisposition(f"Comment #{comment.id} was decided by someone else at the same moment.") from None
    session.refresh(comment)
    audit.record(session, editor, "disposition.record", comment, decision=decision.value,
                 response=response[:500], duplicate_of=duplicate_of, revision=seen + 1)
    notifications.notify(session, comment.author_id, NotificationKind.DISPOSITION, comment,
                         f"The editors decided on your comment #{comment.id}: {decision.label.lower()}")
    return comment


def decide_many(session: Session, editor: User, comment_ids: list[int], data: DispositionInput) -> list[Comment]:
    """The same decision on several comments at once, each at its own current revision."""
    decided = []
    for comment_id in dict.fromkeys(comment_ids):
        comment = get_comment(session, comment_id)
        decided.append(decide(session, editor, comment_id, DispositionInput(
            decision=data.decision, response=data.response, duplicate_of=data.duplicate_of,
            revision=comment.disposition_revision)))
    return decided


def history(session: Session, comment: Comment) -> list[Disposition]:
    return list(session.scalars(
        select(Disposition).where(Disposition.comment_id == comment.id)
        .options(joinedload(Disposition.editor)).order_by(Disposition.revision)))


def likely_duplicates(session: Session, comment: Comment, limit: int = 5, threshold: float = 0.45) -> list[tuple[Comment, float]]:
    """Other comments on the same paragraph whose text is similar, most similar first."""
    if comment.paragraph_id is None:
        return []
    others = session.scalars(select(Comment).where(
        Comment.paragraph_id == comment.paragraph_id, Comment.id != comment.id,
        Comment.parent_id.is_(None), Comment.state != CommentState.HIDDEN).options(joinedload(Comment.author)))
    mine = _words(comment)
    scored = []
    for other in others:
        score = SequenceMatcher(a=mine, b=_words(other), autojunk=False).ratio()
        if score >= threshold:
            scored.append((other, round(score, 2)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def _words(comment: Comment) -> list[str]:
    text = f"{comment.body} {comment.proposed_change or ''}".lower()
    return [w.strip(".,;:!?()[]*_\"'") for w in text.split() if len(w) > 2]
