"""Comments on paragraphs (or on a whole module), their edits and notifications."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import Base, utcnow
from consult.models.accounts import User, _enum
from consult.models.drafts import Module, Paragraph, ParagraphVersion, Version


class CommentType(str, enum.Enum):
    GENERAL = "general"
    TECHNICAL = "technical"
    EDITORIAL = "editorial"

    @property
    def code(self) -> str:
        """The comment template's two-letter code: ge, te, ed."""
        return self.value[:2]

    @property
    def explanation(self) -> str:
        return COMMENT_TYPE_EXPLANATIONS[self]


COMMENT_TYPE_EXPLANATIONS = {
    CommentType.GENERAL: "about the approach, scope or structure",
    CommentType.TECHNICAL: "about what a provision requires or how it works in practice",
    CommentType.EDITORIAL: "about wording, terms, numbering or presentation",
}


class CommentState(str, enum.Enum):
    OPEN = "open"
    WITHDRAWN = "withdrawn"
    HIDDEN = "hidden"


class Comment(Base):
    """An expert's comment; never deleted, only withdrawn by its author or hidden by moderation."""

    __tablename__ = "comment"
    __table_args__ = (
        # A paragraph's threads: counted, paged and found by their top comments in this index.
        Index("ix_comment_paragraph_threads", "module_id", "paragraph_id", "parent_id", "id"),
        # The feeds read "this module's comments after id N": a range on this index, no sort.
        Index("ix_comment_module_id_id", "module_id", "id"),
        # Triage: the counts per state under a type filter read only this index, and a page
        # of one type in one state comes out of it already in id order.
        Index("ix_comment_triage", "module_id", "parent_id", "type", "decision", "state", "id"),
        # A search's hits (comment ids) are counted per state from this narrow copy of the
        # columns the counts need, instead of from the wide rows.
        Index("ix_comment_id_state", "id", "module_id", "parent_id", "decision", "state"),
        # "Which countries have commented on this module": one probe per author.
        Index("ix_comment_author_id_module_id", "author_id", "module_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"))
    # The draft it was made on, and the paragraph as it read there (both null-free for
    # the version; the paragraph ones are null for a general comment on the module).
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"))
    paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    paragraph_version_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph_version.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    type: Mapped[CommentType] = mapped_column(_enum(CommentType))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)  # rendered by the sanitizing renderer
    proposed_change: Mapped[str | None] = mapped_column(Text)
    state: Mapped[CommentState] = mapped_column(_enum(CommentState), default=CommentState.OPEN)
    # Bumped on every edit; earlier texts are kept as CommentRevision rows.
    revision: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    # The current disposition, kept here for filtering and for optimistic locking:
    # `disposition_revision` counts decisions (0: none yet); Disposition holds every one.
    decision: Mapped[str | None] = mapped_column(String(32), index=True)
    # The side-event it was made in, when its author had joined one.
    live_session_id: Mapped[int | None] = mapped_column(ForeignKey("live_session.id"), index=True)
    disposition_revision: Mapped[int] = mapped_column(default=0)

    module: Mapped[Module] = relationship()
    version: Mapped[Version] = relationship()
    paragraph: Mapped[Paragraph | None] = relationship()
    paragraph_version: Mapped[ParagraphVersion | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    hidden_by: Mapped[User | None] = relationship(foreign_keys=[hidden_by_id])
    revisions: Mapped[list[CommentRevision]] = relationship(
        back_populates="comment", order_by="CommentRevision.revision"
    )

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None

    def __repr__(self) -> str:
        return f"<Comment {self.id} {self.state.value} by={self.author_id}>"


class CommentRevision(Base):
    """An earlier text of an edited comment, kept so every version stays readable."""

    __tablename__ = "comment_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id"), index=True)
    revision: Mapped[int]
    type: Mapped[CommentType] = mapped_column(_enum(CommentType))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    proposed_change: Mapped[str | None] = mapped_column(Text)
    written_at: Mapped[datetime]  # when this text was first saved
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="revisions")

    def __repr__(self) -> str:
        return f"<CommentRevision {self.comment_id} r{self.revision}>"


class NotificationKind(str, enum.Enum):
    REPLY = "reply"
    HIDDEN = "hidden"
    DISPOSITION = "disposition"


class Notification(Base):
    """Something a user should know about their comments, shown in the app."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[NotificationKind] = mapped_column(_enum(NotificationKind))
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id"))
    message: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    comment: Mapped[Comment] = relationship()

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind.value} user={self.user_id}>"
