"""Recording audit events, in the same transaction as the change they describe."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from consult.models import AuditEvent, User


def record(session: Session, actor: User | None, action: str, target, **details) -> AuditEvent:
    """Note that `actor` did `action` (e.g. "comment.hide") to `target` (any model with an id)."""
    event = AuditEvent(
        actor=actor, action=action, target_type=type(target).__name__.lower(),
        target_id=target.id, details=details,
    )
    session.add(event)
    return event


def events_for(session: Session, target) -> list[AuditEvent]:
    return list(session.scalars(
        select(AuditEvent)
        .where(AuditEvent.target_type == type(target).__name__.lower(), AuditEvent.target_id == target.id)
        .order_by(AuditEvent.id)
    ))


AUDIT_PAGE = 100


def search(session: Session, actor: str = "", action: str = "", page: int = 1) -> tuple[list[AuditEvent], bool]:
    """Events newest first; `actor` matches a name or email, `action` an action exactly."""
    statement = select(AuditEvent).options(joinedload(AuditEvent.actor)).order_by(AuditEvent.id.desc())
    if actor:
        like = f"%{actor.lower()}%"
        statement = statement.join(AuditEvent.actor).where(
            or_(func.lower(User.name).like(like), User.email.like(like)))
    if action:
        statement = statement.where(AuditEvent.action == action)
    rows = list(session.scalars(statement.limit(AUDIT_PAGE + 1).offset((page - 1) * AUDIT_PAGE)))
    return rows[:AUDIT_PAGE], len(rows) > AUDIT_PAGE


def actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
