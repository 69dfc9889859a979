"""In-app notifications about one's own comments."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from consult.models import Comment, Notification, NotificationKind


def notify(session: Session, user_id: int, kind: NotificationKind, comment: Comment, message: str) -> Notification:
    notification = Notification(user_id=user_id, kind=kind, comment=comment, message=message[:300])
    session.add(notification)
    return notification


def unread_count(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))) or 0


def recent(session: Session, user_id: int, limit: int = 100) -> list[Notification]:
    return list(session.scalars(
        select(Notification).where(Notification.user_id == user_id)
        .options(joinedload(Notification.comment).joinedload(Comment.module),
                 joinedload(Notification.comment).joinedload(Comment.paragraph))
        .order_by(Notification.id.desc()).limit(limit)))


def mark_all_read(session: Session, user_id: int) -> None:
    session.execute(update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    ).values(read_at=datetime.now(timezone.utc)))
