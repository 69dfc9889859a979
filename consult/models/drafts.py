"""Modules, their published versions, and paragraphs that live across versions.

A `Paragraph` is only an identity (its `uid`). What it says in a given draft is a
`ParagraphVersion`: text, clause, kind and position in that `Version`. Comments
attach to a `ParagraphVersion`, so a new draft adds rows here and copies no comment.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from markupsafe import Markup
from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import Base, utcnow


class ParagraphKind(str, enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    NOTE = "note"
    EXAMPLE = "example"
    TABLE = "table"
    QUOTE = "quote"


class Module(Base):
    """One standard put out for consultation, e.g. ISACS 05.30."""

    __tablename__ = "module"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    deadline: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Visible (not hidden) comments, kept up to date by the comments service so pages need
    # not count thousands of rows: all of them, and those on the module as a whole.
    comment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    general_comment_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Bumped by the database on every insert into or update of the module's comments, from any
    # process or tool (consult/migrations/stamp_sql.py): what is computed from the comments can be
    # kept for as long as the stamp reads the same.
    comment_stamp: Mapped[int] = mapped_column(default=0, server_default="0")

    versions: Mapped[list[Version]] = relationship(
        back_populates="module", order_by="Version.number"
    )

    def is_open_on(self, day: date) -> bool:
        """Comments are taken up to and including the deadline day."""
        return day <= self.deadline

    def __repr__(self) -> str:
        return f"<Module {self.id} {self.slug}>"


class Version(Base):
    """A published, immutable text of a module: Draft 1, Draft 2, …"""

    __tablename__ = "version"
    __table_args__ = (UniqueConstraint("module_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), index=True)
    number: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary: Mapped[str] = mapped_column(Text, default="")

    module: Mapped[Module] = relationship(back_populates="versions")
    paragraphs: Mapped[list[ParagraphVersion]] = relationship(
        back_populates="version", order_by="ParagraphVersion.position"
    )

    @property
    def label(self) -> str:
        return f"Draft {self.number}"

    def __repr__(self) -> str:
        return f"<Version {self.id} module={self.module_id} number={self.number}>"


class Paragraph(Base):
    """The stable identity of a paragraph across all versions of its module."""

    __tablename__ = "paragraph"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(40), unique=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("module.id"), index=True)
    # Visible comments on this paragraph in any version, maintained like Module.comment_count.
    comment_count: Mapped[int] = mapped_column(default=0, server_default="0")

    module: Mapped[Module] = relationship()

    def __repr__(self) -> str:
        return f"<Paragraph {self.id} {self.uid}>"


class ParagraphVersion(Base):
    """A paragraph as it reads in one version."""

    __tablename__ = "paragraph_version"
    __table_args__ = (
        UniqueConstraint("version_id", "position"),
        UniqueConstraint("version_id", "paragraph_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("version.id"))
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraph.id"), index=True)
    position: Mapped[int]
    kind: Mapped[ParagraphKind] = mapped_column(
        Enum(ParagraphKind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])
    )
    # Heading depth (1 = document title, 2 = clause, 3 = subclause …); 0 for other blocks.
    level: Mapped[int] = mapped_column(default=0)
    clause: Mapped[str] = mapped_column(String(120))
    # How a reader cites it: "5.3 (b)", "5.3 ¶2", "Table 1".
    reference: Mapped[str] = mapped_column(String(160))
    # The list marker shown before a list item ("a)" or "—"); empty otherwise.
    marker: Mapped[str] = mapped_column(String(8), default="")
    # Markdown source as it stands in the module file, without its {#uid}.
    text: Mapped[str] = mapped_column(Text)
    # `text` rendered by the one sanitizing renderer, kept so pages need not re-render.
    html: Mapped[str] = mapped_column(Text)

    version: Mapped[Version] = relationship(back_populates="paragraphs")
    paragraph: Mapped[Paragraph] = relationship(lazy="joined")

    @property
    def uid(self) -> str:
        return self.paragraph.uid

    @property
    def safe_html(self) -> Markup:
        """`html` marked safe for templates: it was produced by the sanitizing renderer."""
        return Markup(self.html)

    def __repr__(self) -> str:
        return f"<ParagraphVersion {self.id} version={self.version_id} {self.reference!r}>"
