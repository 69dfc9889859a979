"""Recording audit events, in the same transaction as the change they describe."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

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
