"""Accounts: registration, signing in, profiles, passwords and roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consult.models import Role, StakeholderGroup, User
from consult.services import audit, paging
from consult.services.errors import InvalidInput, NotFound

# Argon2id (memory-hard); the library's defaults follow RFC 9106's second recommendation.
_hasher = PasswordHasher()
# Verified against when no account matches, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("no account has this password")

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COUNTRIES: dict[str, str] = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}


@dataclass
class Profile:
    name: str
    organisation: str
    country: str
    group: str


def country_choices() -> list[tuple[str, str]]:
    return sorted(COUNTRIES.items(), key=lambda item: item[1])


def country_name(code: str) -> str:
    return COUNTRIES.get(code, code)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_profile(profile: Profile) -> dict[str, str]:
    errors = {}
    if not profile.name.strip():
        errors["name"] = "Enter your name."
    elif len(profile.name) > 120:
        errors["name"] = "Keep your name under 120 characters."
    if len(profile.organisation) > 200:
        errors["organisation"] = "Keep the organisation under 200 characters."
    if profile.country not in COUNTRIES:
        errors["country"] = "Choose a country from the list."
    if profile.group not in {g.value for g in StakeholderGroup}:
        errors["group"] = "Choose a stakeholder group."
    return errors


def check_password(password: str, field: str = "password") -> dict[str, str]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return {field: f"Use at least {MIN_PASSWORD_LENGTH} characters."}
    if len(password) > MAX_PASSWORD_LENGTH:
        return {field: f"Use at most {MAX_PASSWORD_LENGTH} characters."}
    return {}


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def register(session: Session, email: str, password: str, profile: Profile,
             role: Role = Role.EXPERT) -> User | None:
    """Create an expert account; None (and no error) when the email is taken.

    Saying "taken" would tell anyone which addresses have accounts, so the caller answers
    the same way either way.
    """
    errors = check_profile(profile)
    if not EMAIL_PATTERN.match(email.strip()) or len(email) > 254:
        errors["email"] = "Enter an email address like name@example.org."
    errors.update(check_password(password))
    if errors:
        raise InvalidInput(errors)
    password_hash = hash_password(password)  # always paid, taken or not
    if find_by_email(session, email) is not None:
        return None
    user = User(
        email=normalise_email(email), password_hash=password_hash, name=profile.name.strip(),
        organisation=profile.organisation.strip(), country=profile.country,
        stakeholder_group=StakeholderGroup(profile.group), role=role,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The account for these credentials, or None, taking the same time either way."""
    user = find_by_email(session, email)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def load_user(session: Session, user_id: str) -> User | None:
    """Flask-Login's loader: "<id>:<generation>"; a stale generation means signed out."""
    try:
        raw_id, generation = user_id.split(":")
        user = session.get(User, int(raw_id))
    except (ValueError, TypeError):
        return None
    if user is None or str(user.session_generation) != generation:
        return None
    return user


def update_profile(session: Session, user: User, profile: Profile) -> None:
    errors = check_profile(profile)
    if errors:
        raise InvalidInput(errors)
    user.name = profile.name.strip()
    user.organisation = profile.organisation.strip()
    user.country = profile.country
    user.stakeholder_group = StakeholderGroup(profile.group)


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """Set a new password; every other session of the account is signed out."""
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError):
        raise InvalidInput({"current_password": "That is not your current password."}) from None
    errors = check_password(new, "new_password")
    if errors:
        raise InvalidInput(errors)
    user.password_hash = hash_password(new)
    user.session_generation += 1
    audit.record(session, user, "user.password_change", user)


def set_role(session: Session, actor: User, user_id: int, role: Role) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    if user.role is not role:
        audit.record(session, actor, "user.role_change", user, old=user.role.value, new=role.value)
        user.role = role
    return user


USERS_PAGE = 100


@dataclass
class AccountPage:
    users: list[User]
    total: int  # accounts matching the query, on every page
    page: int
    pages: int


def list_users(session: Session, query: str = "", page: int = 1, per_page: int = USERS_PAGE) -> AccountPage:
    """A page of accounts by name (those matching `query` in name, email or organisation)."""
    statement = select(User)
    if query:
        like = f"%{query.strip().lower()}%"
        statement = statement.where(func.lower(User.name).like(like) | User.email.like(like)
                                    | func.lower(User.organisation).like(like))
    total = session.scalar(statement.with_only_columns(func.count(), maintain_column_froms=True))
    pages = paging.page_count(total, per_page)
    page = paging.clamp(page, pages)
    found = session.scalars(statement.order_by(func.lower(User.name), User.id)
                            .limit(per_page).offset((page - 1) * per_page))
    return AccountPage(list(found), total, page, pages)
