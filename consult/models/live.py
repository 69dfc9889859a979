"""Live sessions: a side-event projecting a module's comments as they arrive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import Base, utcnow
from consult.models.accounts import User
from consult.models.comments import Comment
from consult.models.drafts import Module, Paragraph

# Comments the facilitator took off the projection (they stay in the record).
live_hidden_comment = Table(
    "live_hidden_comment",
    Base.metadata,
    Column("live_session_id", Integer, ForeignKey("live_session.id"), primary_key=True),
    Column("comment_id", Integer, ForeignKey("comment.id"), primary_key=True),
)


class LiveSession(Base):
    """A side-event on a module. Its state lives here, so every server process sees it."""

    __tablename__ = "live_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)  # the join code people type
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    spotlight_paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    paused: Mapped[bool] = mapped_column(default=False)
    anonymous: Mapped[bool] = mapped_column(default=False)
    # Bumped on every change of spotlight, pause, anonymity, hidden comments or end,
    # so streams in any process notice with one cheap query.
    state_revision: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    module: Mapped[Module] = relationship()
    facilitator: Mapped[User] = relationship()
    spotlight: Mapped[Paragraph | None] = relationship()
    hidden_comments: Mapped[list[Comment]] = relationship(secondary=live_hidden_comment)

    @property
    def active(self) -> bool:
        return self.ended_at is None

    def __repr__(self) -> str:
        return f"<LiveSession {self.id} {self.code}>"
