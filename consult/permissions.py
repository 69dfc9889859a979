"""Who may do what. Each predicate answers for anonymous users too (Flask-Login's AnonymousUserMixin)."""

from __future__ import annotations

from consult.models import Comment, CommentState, Role

EDITORS = (Role.EDITOR, Role.ADMIN)
FACILITATORS = (Role.FACILITATOR, Role.ADMIN)


def _role(user) -> Role | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def can_comment(user) -> bool:
    """Every signed-in account may comment (whether the consultation is open is checked apart)."""
    return _role(user) is not None


def can_edit_comment(user, comment: Comment) -> bool:
    return _role(user) is not None and comment.author_id == user.id and comment.state is CommentState.OPEN


can_withdraw_comment = can_edit_comment


def can_moderate(user) -> bool:
    return _role(user) in EDITORS


def can_see_hidden(user, comment: Comment) -> bool:
    """Moderators see hidden text; so does its author, who is told why it was hidden."""
    return can_moderate(user) or (_role(user) is not None and comment.author_id == user.id)


def can_manage_users(user) -> bool:
    return _role(user) is Role.ADMIN


def can_set_deadline(user) -> bool:
    return _role(user) is Role.ADMIN


def can_decide(user) -> bool:
    """Record dispositions, build and publish revision sets, read the audit log."""
    return _role(user) in EDITORS


can_triage = can_decide
can_read_audit = can_decide


def can_run_live(user) -> bool:
    """Open, steer and end live sessions at side-events."""
    return _role(user) in FACILITATORS
