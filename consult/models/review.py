"""The editors' side: dispositions of comments and revision sets that make the next draft."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import Base, utcnow
from consult.models.accounts import User, _enum
from consult.models.comments import Comment
from consult.models.drafts import Module, Paragraph, ParagraphKind, Version


class Decision(str, enum.Enum):
    ACCEPTED = "accepted"
    ACCEPTED_IN_PRINCIPLE = "accepted_in_principle"
    REJECTED = "rejected"
    NOTED = "noted"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]

    @property
    def needs_response(self) -> bool:
        return self in (Decision.REJECTED, Decision.ACCEPTED_IN_PRINCIPLE)


DECISION_LABELS = {
    Decision.ACCEPTED: "Accepted",
    Decision.ACCEPTED_IN_PRINCIPLE: "Accepted in principle",
    Decision.REJECTED: "Rejected",
    Decision.NOTED: "Noted",
    Decision.DUPLICATE: "Duplicate",
}


class Disposition(Base):
    """One decision on a comment. Rows are never changed: a new decision is a new revision.

    The comment carries its current revision and decision, so a stale save is refused by
    comparing revisions (and by the unique constraint, should two saves race).
    """

    __tablename__ = "disposition"
    __table_args__ = (UniqueConstraint("comment_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id"))
    revision: Mapped[int]
    decision: Mapped[Decision] = mapped_column(_enum(Decision))
    response: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"))
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the decision was recorded by publishing a revision set.
    revision_set_id: Mapped[int | None] = mapped_column(ForeignKey("revision_set.id"))

    comment: Mapped[Comment] = relationship(foreign_keys=[comment_id])
    editor: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Disposition comment={self.comment_id} r{self.revision} {self.decision.value}>"


class RevisionSetState(str, enum.Enum):
    OPEN = "open"
    PUBLISHED = "published"
    ABANDONED = "abandoned"


class RevisionSet(Base):
    """A proposed next version of a module, built from changes to its current draft."""

    __tablename__ = "revision_set"
    __table_args__ = (
        # One open revision set per module: the next draft is built in one place.
        Index("uq_revision_set_one_open_per_module", "module_id", unique=True,
              sqlite_where=text("state = 'open'"), postgresql_where=text("state = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), index=True)
    base_version_id: Mapped[int] = mapped_column(ForeignKey("version.id"))
    title: Mapped[str] = mapped_column(String(200))
    state: Mapped[RevisionSetState] = mapped_column(_enum(RevisionSetState), default=RevisionSetState.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    published_version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id"))

    module: Mapped[Module] = relationship()
    base_version: Mapped[Version] = relationship(foreign_keys=[base_version_id])
    published_version: Mapped[Version | None] = relationship(foreign_keys=[published_version_id])
    created_by: Mapped[User | None] = relationship()
    changes: Mapped[list[RevisionChange]] = relationship(
        back_populates="revision_set", order_by="RevisionChange.id")

    def __repr__(self) -> str:
        return f"<RevisionSet {self.id} module={self.module_id} {self.state.value}>"


class ChangeKind(str, enum.Enum):
    EDIT = "edit"
    INSERT = "insert"
    DELETE = "delete"
    MOVE = "move"


revision_change_comment = Table(
    "revision_change_comment",
    Base.metadata,
    Column("change_id", Integer, ForeignKey("revision_change.id"), primary_key=True),
    Column("comment_id", Integer, ForeignKey("comment.id"), primary_key=True),
)


class RevisionChange(Base):
    """One change in a revision set: edit, insert after, delete or move a paragraph."""

    __tablename__ = "revision_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_set_id: Mapped[int] = mapped_column(ForeignKey("revision_set.id"), index=True)
    kind: Mapped[ChangeKind] = mapped_column(_enum(ChangeKind))
    # The paragraph changed; for an insert, the new paragraph (its uid is fixed at once).
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id"))
    # Where an insert or move lands: after this paragraph (None: at the very start).
    after_paragraph_id: Mapped[int | None] = mapped_column(ForeignKey("paragraph.id"))
    text: Mapped[str | None] = mapped_column(Text)  # new text for edit and insert
    new_kind: Mapped[ParagraphKind | None] = mapped_column(
        _enum(ParagraphKind))  # for insert
    level: Mapped[int] = mapped_column(default=0)  # heading level for an inserted heading
    ordered: Mapped[bool] = mapped_column(default=True)  # an inserted list item: lettered or dashed
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    revision_set: Mapped[RevisionSet] = relationship(back_populates="changes")
    created_by: Mapped[User | None] = relationship()
    paragraph: Mapped[Paragraph] = relationship(foreign_keys=[paragraph_id])
    after_paragraph: Mapped[Paragraph | None] = relationship(foreign_keys=[after_paragraph_id])
    comments: Mapped[list[Comment]] = relationship(secondary=revision_change_comment, order_by="Comment.id")

    def __repr__(self) -> str:
        return f"<RevisionChange {self.id} {self.kind.value} paragraph={self.paragraph_id}>"


# A comment's current disposition: the row whose revision the comment carries.
Comment.disposition = relationship(
    Disposition,
    primaryjoin=lambda: (Disposition.comment_id == Comment.id)
    & (Disposition.revision == Comment.disposition_revision),
    foreign_keys=lambda: [Disposition.comment_id, Disposition.revision],
    viewonly=True,
    uselist=False,
)
