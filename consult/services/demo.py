"""A living consultation for newcomers: one account per role and realistic comments."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consult.models import Comment, ParagraphKind, ParagraphVersion, Role, User
from consult.services import accounts, comments, drafts
from consult.services.comments import CommentInput
from consult.services.demo_content import DEMO_EXPERTS, DEMO_THREADS

# Demo sign-ins are printed by `flask consult demo`; they exist only where the demo was seeded.
ROLE_ACCOUNTS = [
    (Role.EXPERT, "expert@example.org", "Amina Diallo", "Ministry of Defence (example)", "SN", "member_state"),
    (Role.EDITOR, "editor@example.org", "Elena Petrova", "ISACS drafting team", "CH", "international_organisation"),
    (Role.FACILITATOR, "facilitator@example.org", "Kwame Mensah", "ISACS side-event team", "GH", "international_organisation"),
    (Role.ADMIN, "admin@example.org", "Sofia Lindqvist", "ISACS secretariat", "SE", "international_organisation"),
]
EXPERT_PASSWORD = "demo-expert-password"


@dataclass
class DemoAccount:
    role: Role
    email: str
    password: str
    created: bool


def role_password(role: Role) -> str:
    return f"demo-{role.value}-password"


def seed_accounts(session: Session) -> list[DemoAccount]:
    """One account per role (kept if it exists), plus the experts who wrote the demo comments."""
    result = []
    for role, email, name, organisation, country, group in ROLE_ACCOUNTS:
        password = role_password(role)
        profile = accounts.Profile(name=name, organisation=organisation, country=country, group=group)
        created = accounts.register(session, email, password, profile, role=role) is not None
        result.append(DemoAccount(role, email, password, created))
    for expert in DEMO_EXPERTS:
        profile = accounts.Profile(name=expert["name"], organisation=expert["organisation"],
                                   country=expert["country"], group=expert["group"])
        accounts.register(session, expert["email"], EXPERT_PASSWORD, profile)
    session.flush()
    return result


def seed_comments(session: Session) -> int:
    """Post the demo threads (once); returns how many comments were written."""
    if session.scalar(select(func.count()).select_from(Comment)):
        return 0
    experts = [accounts.find_by_email(session, e["email"]) for e in DEMO_EXPERTS]
    rng = random.Random(2027)
    written = 0
    for thread in DEMO_THREADS:
        module = drafts.get_module(session, thread["module"])
        on = min(comments.today(), module.deadline)
        author = experts[thread["author"]]
        data = CommentInput(body=thread["body"], type=thread["type"], proposed_change=thread.get("proposed_change"))
        if thread["find"] is None:
            comment = comments.post_on_module(session, author, module.slug, data, on=on)
        else:
            comment = comments.post_on_paragraph(session, author, _uid_containing(session, module, thread["find"]), data, on=on)
        written += 1
        if thread.get("edited_body"):
            comments.edit(session, author, comment.id, CommentInput(
                body=thread["edited_body"], type=thread["type"], proposed_change=thread.get("proposed_change")), on=on)
        written += _replies(session, comment, thread.get("replies", []), experts, on, module)
        if thread.get("withdrawn"):
            comments.withdraw(session, author, comment.id)
    _spread_over_past_weeks(session, rng)
    return written


def _replies(session, parent, replies, experts, on, module) -> int:
    written = 0
    for reply in replies:
        data = CommentInput(body=reply["body"], parent_id=parent.id)
        if parent.paragraph is None:
            comment = comments.post_on_module(session, experts[reply["author"]], module.slug, data, on=on)
        else:
            comment = comments.post_on_paragraph(session, experts[reply["author"]], parent.paragraph.uid, data, on=on)
        written += 1 + _replies(session, comment, reply.get("replies", []), experts, on, module)
    return written


def _uid_containing(session: Session, module, text: str) -> str:
    version = drafts.get_version(session, module)
    matches = [p for p in drafts.paragraphs_of(session, version)
               if p.kind is not ParagraphKind.HEADING and text in p.text]
    if len(matches) != 1:
        raise LookupError(f"demo text {text!r} matches {len(matches)} paragraphs of {module.code}")
    return matches[0].uid


def _spread_over_past_weeks(session: Session, rng: random.Random) -> None:
    """Give the comments believable times over the past three weeks, in id order."""
    rows = list(session.scalars(select(Comment).order_by(Comment.id)))
    now = datetime.now(timezone.utc)
    moment = now - timedelta(days=21)
    step = timedelta(days=20) / max(len(rows), 1)
    for comment in rows:
        moment += step * rng.uniform(0.3, 1.7)
        moment = min(moment, now - timedelta(minutes=5))
        comment.created_at = moment
        if comment.edited_at:
            comment.edited_at = moment + timedelta(hours=rng.uniform(1, 30))
            for revision in comment.revisions:
                revision.written_at, revision.replaced_at = moment, comment.edited_at
        if comment.withdrawn_at:
            comment.withdrawn_at = moment + timedelta(hours=rng.uniform(2, 48))
