"""People who use Consult and what they may do."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.db import Base, utcnow


def _enum(enum_class) -> Enum:
    """Enums are stored as their lower-case values, in a plain column (no native type)."""
    return Enum(enum_class, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


class Role(str, enum.Enum):
    EXPERT = "expert"
    EDITOR = "editor"
    FACILITATOR = "facilitator"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class StakeholderGroup(str, enum.Enum):
    MEMBER_STATE = "member_state"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    CIVIL_SOCIETY = "civil_society"
    INDUSTRY = "industry"
    ACADEMIA = "academia"
    OTHER = "other"

    @property
    def label(self) -> str:
        return STAKEHOLDER_GROUP_LABELS[self]

    @property
    def short_label(self) -> str:
        """For tight spaces such as the projector's chart."""
        return "Int'l / regional org." if self is StakeholderGroup.INTERNATIONAL_ORGANISATION else self.label


STAKEHOLDER_GROUP_LABELS = {
    StakeholderGroup.MEMBER_STATE: "Member State",
    StakeholderGroup.INTERNATIONAL_ORGANISATION: "International or regional organisation",
    StakeholderGroup.CIVIL_SOCIETY: "Civil society",
    StakeholderGroup.INDUSTRY: "Industry",
    StakeholderGroup.ACADEMIA: "Academia",
    StakeholderGroup.OTHER: "Other",
}


class User(Base):
    """A registered account; Flask-Login's user object."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(120))
    # Read only when a password is checked or changed: never loaded with the author of a comment.
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2), default="")  # ISO 3166-1 alpha-2
    stakeholder_group: Mapped[StakeholderGroup] = mapped_column(_enum(StakeholderGroup))
    role: Mapped[Role] = mapped_column(_enum(Role), default=Role.EXPERT)
    # Part of the login cookie's identity: bumped on password change, which signs out every session.
    session_generation: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Flask-Login protocol
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"
