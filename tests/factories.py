"""Building test data through the services (or in bulk, where only the volume matters)."""

from __future__ import annotations

from sqlalchemy import select

from consult.models import Comment, CommentType, ParagraphKind, ParagraphVersion, User
from consult.services import accounts, comments, drafts
from consult.services.comments import CommentInput
from consult.services.rendering import render_markdown


def user(session, key: str) -> User:
    return accounts.find_by_email(session, f"{key}@example.org")


def paragraphs(session, slug: str = "isacs-05-30") -> list[ParagraphVersion]:
    """The commentable (non-heading) paragraphs of a module's current draft."""
    module = drafts.get_module(session, slug)
    return [p for p in drafts.paragraphs_of(session, drafts.get_version(session, module))
            if p.kind is not ParagraphKind.HEADING]


def comment(session, author: User, uid: str, body: str = "A technical point.", type: str = "technical",
            proposed_change: str | None = None, parent: Comment | None = None) -> Comment:
    return comments.post_on_paragraph(session, author, uid, CommentInput(
        body=body, type=type, proposed_change=proposed_change, parent_id=parent.id if parent else None))


def many_comments(session, count: int, slug: str = "isacs-05-30", uid: str | None = None) -> None:
    """`count` comments spread over the module's paragraphs and people (or all on one paragraph)."""
    module = drafts.get_module(session, slug)
    version = drafts.get_version(session, module)
    targets = paragraphs(session, slug)
    if uid is not None:
        targets = [p for p in targets if p.uid == uid]
    authors = list(session.scalars(select(User)))
    html = render_markdown("A comment made in bulk.")
    types = list(CommentType)
    session.add_all([
        Comment(module=module, version=version, paragraph_id=targets[i % len(targets)].paragraph_id,
                paragraph_version_id=targets[i % len(targets)].id, author=authors[i % len(authors)],
                type=types[i % 3], body="A comment made in bulk.", body_html=html)
        for i in range(count)
    ])
    session.flush()
    comments.recount(session)
