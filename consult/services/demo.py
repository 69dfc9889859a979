"""A living consultation for newcomers: one account per role and realistic comments."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pycountry
from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from consult import schema
from consult.models import (
    Comment,
    CommentState,
    CommentType,
    Decision,
    Disposition,
    ParagraphKind,
    ParagraphVersion,
    Role,
    StakeholderGroup,
    User,
    Version,
)
from consult.services import accounts, comments, drafts
from consult.services.comments import CommentInput
from consult.services.rendering import render_markdown
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


# Synthetic volume ----------------------------------------------------------------------

SYNTHETIC_OPENINGS = [
    "The requirement in this paragraph", "This provision", "The wording here", "As drafted, the text",
    "In our national practice, this", "Read with clause 5, this paragraph", "For small administrations, this",
    "From the manufacturers' side, this", "Our field experience suggests this paragraph",
]
SYNTHETIC_POINTS = [
    "leaves too much to each State's discretion", "should state a minimum rather than an example",
    "mixes a requirement with a recommendation", "needs a NOTE explaining the reason",
    "is hard to apply to polymer frames", "does not say who keeps the record",
    "repeats what clause 4 already requires", "should refer to the International Tracing Instrument",
    "uses 'weapon' where 'small arm or light weapon' is meant", "could be read as excluding light weapons",
    "would benefit from a worked example", "sets a period that is too short for long-lived weapons",
]
SYNTHETIC_ASKS = [
    "We propose clearer wording.", "Please align it with ISACS 05.31.", "Consider moving it to an annex.",
    "A reference to ISO 3166 would help.", "The editors may wish to split it in two.", "No change to substance is intended.",
]
SYNTHETIC_RESPONSES = [
    "The text has been clarified.", "Out of scope for this module.", "Addressed in clause 5.",
    "The working group kept the original wording.", "See the new NOTE.",
]


def seed_synthetic(session: Session, count: int, seed: int = 2011) -> int:
    """Add `count` realistic comments in bulk: threads, all types, proposals, dispositions,
    spread over both modules' paragraphs and versions, by experts from many countries."""
    rng = random.Random(seed)
    experts = _synthetic_experts(session, rng)
    editor_id = session.scalar(select(User.id).where(User.role == Role.EDITOR).limit(1))
    targets = session.execute(
        select(Version.module_id, Version.id, ParagraphVersion.paragraph_id, ParagraphVersion.id, ParagraphVersion.text)
        .join(ParagraphVersion, ParagraphVersion.version_id == Version.id)
        .where(ParagraphVersion.kind != ParagraphKind.HEADING)).all()
    versions_by_module: dict[int, list[int]] = {}
    for module_id, version_id, *_ in targets:
        versions_by_module.setdefault(module_id, [])
        if version_id not in versions_by_module[module_id]:
            versions_by_module[module_id].append(version_id)
    next_id = (session.scalar(select(func.max(Comment.id))) or 0) + 1
    next_disposition = (session.scalar(select(func.max(Disposition.id))) or 0) + 1
    rendered: dict[str, str] = {}
    recent_on: dict[int | None, list[int]] = {}
    now = datetime.now(timezone.utc)
    start = now - timedelta(days=30)
    step = timedelta(days=29) / max(count, 1)
    comments_batch, dispositions_batch = [], []
    types = list(CommentType)
    decisions = list(Decision)

    def flush():
        if comments_batch:
            session.execute(insert(Comment), comments_batch)
            comments_batch.clear()
        if dispositions_batch:
            session.execute(insert(Disposition), dispositions_batch)
            dispositions_batch.clear()

    for n in range(count):
        module_id, version_id, paragraph_id, paragraph_version_id, paragraph_text = rng.choice(targets)
        if rng.random() < 0.06:  # a general comment on the module
            paragraph_id = paragraph_version_id = None
            version_id = rng.choice(versions_by_module[module_id])
        thread = recent_on.setdefault(paragraph_id if paragraph_id else -module_id, [])
        parent_id = rng.choice(thread[-20:]) if thread and rng.random() < 0.25 else None
        body = f"{rng.choice(SYNTHETIC_OPENINGS)} {rng.choice(SYNTHETIC_POINTS)}. {rng.choice(SYNTHETIC_ASKS)}"
        if body not in rendered:
            rendered[body] = str(render_markdown(body))
        proposed = None
        if parent_id is None and paragraph_id and rng.random() < 0.15:
            proposed = paragraph_text + " " + rng.choice(SYNTHETIC_ASKS)
        created = start + step * n
        decision = None
        revision = 0
        if parent_id is None and rng.random() < 0.3:
            decision = rng.choice(decisions)
            revision = 1
            dispositions_batch.append({
                "id": next_disposition, "comment_id": next_id, "revision": 1, "decision": decision,
                "response": rng.choice(SYNTHETIC_RESPONSES), "duplicate_of_id": thread[0] if decision is Decision.DUPLICATE and thread else None,
                "editor_id": editor_id, "decided_at": created + timedelta(hours=6)})
            if decision is Decision.DUPLICATE and not thread:
                dispositions_batch[-1]["decision"] = decision = Decision.NOTED
            next_disposition += 1
        comments_batch.append({
            "id": next_id, "module_id": module_id, "version_id": version_id, "paragraph_id": paragraph_id,
            "paragraph_version_id": paragraph_version_id, "parent_id": parent_id,
            "author_id": rng.choice(experts), "type": rng.choice(types), "body": body, "body_html": rendered[body],
            "proposed_change": proposed, "state": CommentState.WITHDRAWN if rng.random() < 0.02 else CommentState.OPEN,
            "revision": 1, "created_at": created, "decision": decision.value if decision else None,
            "disposition_revision": revision,
        })
        if parent_id is None:
            thread.append(next_id)
        next_id += 1
        if len(comments_batch) >= 5_000:
            flush()
    flush()
    if session.get_bind().dialect.name == "postgresql":
        for table in ("comment", "disposition", "user_account"):
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"))
    comments.recount(session)
    schema.refresh_statistics(session)
    return count


def _synthetic_experts(session: Session, rng: random.Random) -> list[int]:
    """About 300 experts from many countries and every stakeholder group (created once)."""
    groups = list(StakeholderGroup)
    existing = list(session.scalars(select(User.id).where(User.email.like("synthetic%@example.net"))))
    if existing:
        return existing
    password_hash = accounts.hash_password(EXPERT_PASSWORD)
    countries = [c.alpha_2 for c in pycountry.countries]
    rows = [{"email": f"synthetic{n}@example.net", "name": f"Synthetic Expert {n}",
             "organisation": f"Organisation {n % 97}", "country": rng.choice(countries),
             "stakeholder_group": groups[n % len(groups)], "role": Role.EXPERT,
             "password_hash": password_hash, "session_generation": 1,
             "created_at": datetime.now(timezone.utc)} for n in range(300)]
    session.execute(insert(User), rows)
    return list(session.scalars(select(User.id).where(User.email.like("synthetic%@example.net"))))
