"""Commenting: posting, replying, editing, withdrawing, moderating, and reading threads.

Every rule about comments lives here, so the page forms and the JSON API behave alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session, joinedload

from consult.models import (
    Comment,
    LiveSession,
    CommentRevision,
    CommentState,
    CommentType,
    Disposition,
    Module,
    NotificationKind,
    Paragraph,
    ParagraphVersion,
    User,
    Version,
)
from consult.permissions import can_edit_comment, can_moderate
from consult.services import audit, drafts, notifications, paging
from consult.services.errors import ConsultationClosed, Forbidden, InvalidInput, NotFound
from consult.services.rendering import render_markdown

MAX_BODY_LENGTH = 10_000
MAX_REASON_LENGTH = 1_000
API_PAGE_DEFAULT = 100
API_PAGE_MAX = 500


def today() -> date:
    return datetime.now(timezone.utc).date()


@dataclass
class CommentInput:
    """What a comment form or API request gives; nothing checked yet."""

    body: str = ""
    type: str | None = None
    proposed_change: str | None = None
    parent_id: int | None = None
    live_session_id: int | None = None  # set by the web layer from the session the author joined

    @classmethod
    def from_mapping(cls, data) -> CommentInput:
        """Read a JSON object or form; wrong types become input errors, not crashes."""
        errors = {}
        values = {}
        for name in ("body", "type", "proposed_change"):
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                errors[name] = "must be text"
            else:
                values[name] = value
        parent = data.get("parent_id")
        if parent in (None, ""):
            values["parent_id"] = None
        elif isinstance(parent, bool) or not (isinstance(parent, int) or (isinstance(parent, str) and parent.isdigit())):
            errors["parent_id"] = "must be the id of a comment"
        else:
            values["parent_id"] = int(parent)
        if errors:
            raise InvalidInput(errors)
        values["body"] = values.get("body") or ""
        return cls(**values)


def _clean(data: CommentInput, *, reply: bool, on_paragraph: bool, parent_type: CommentType | None = None):
    """Checked values (type, body, proposed change), or InvalidInput naming each bad field."""
    errors = {}
    body = (data.body or "").replace("\r\n", "\n").replace("\x00", "")
    if not body.strip():
        errors["body"] = "Write your comment before sending it."
    elif len(body) > MAX_BODY_LENGTH:
        errors["body"] = f"Keep the comment to {MAX_BODY_LENGTH:,} characters (it has {len(body):,})."
    comment_type = None
    if data.type:
        try:
            comment_type = CommentType(data.type)
        except ValueError:
            errors["type"] = "Choose general, technical or editorial."
    elif reply and parent_type is not None:
        comment_type = parent_type
    else:
        errors["type"] = "Choose general, technical or editorial."
    proposed = data.proposed_change
    if proposed is not None:
        proposed = proposed.replace("\r\n", "\n").replace("\x00", "").strip() or None
    if proposed is not None:
        if not on_paragraph:
            errors["proposed_change"] = "A proposed change belongs to a paragraph; comment on the paragraph instead."
        elif len(proposed) > MAX_BODY_LENGTH:
            errors["proposed_change"] = f"Keep the proposed change to {MAX_BODY_LENGTH:,} characters (it has {len(proposed):,})."
    if errors:
        raise InvalidInput(errors)
    return comment_type, body, proposed


def _check_open(module: Module, on: date) -> None:
    if not module.is_open_on(on):
        raise ConsultationClosed(
            f"Comments on {module.code} closed on {module.deadline:%d %B %Y}. You can still read the draft and its comments."
        )


def _parent(session: Session, parent_id: int | None, module: Module, paragraph_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = session.get(Comment, parent_id)
    if parent is None or parent.module_id != module.id or parent.paragraph_id != paragraph_id:
        raise InvalidInput({"parent_id": "The comment you reply to is not in this thread."})
    if parent.state is CommentState.HIDDEN:
        raise InvalidInput({"parent_id": "That comment was hidden by the moderators and cannot be replied to."})
    return parent


def post_on_paragraph(session: Session, author: User, uid: str, data: CommentInput, on: date | None = None) -> Comment:
    """Comment on a paragraph as it reads in the module's current draft."""
    paragraph = session.scalar(select(Paragraph).where(Paragraph.uid == uid))
    if paragraph is None:
        raise NotFound(f"no paragraph {uid!r}")
    module = paragraph.module
    version = drafts.get_version(session, module)
    paragraph_version = session.scalar(select(ParagraphVersion).where(
        ParagraphVersion.version_id == version.id, ParagraphVersion.paragraph_id == paragraph.id))
    if paragraph_version is None:
        raise NotFound(f"paragraph {uid!r} is not in the current {version.label} of {module.code}")
    return _post(session, author, module, version, paragraph_version, data, on)


def post_on_module(session: Session, author: User, slug: str, data: CommentInput, on: date | None = None) -> Comment:
    """A general comment on the module as a whole (or a reply to one)."""
    module = drafts.get_module(session, slug)
    return _post(session, author, module, drafts.get_version(session, module), None, data, on)


def _post(session, author, module, version, paragraph_version, data, on) -> Comment:
    _check_open(module, on or today())
    _serialise_posting(session, module)
    paragraph_id = paragraph_version.paragraph_id if paragraph_version else None
    parent = _parent(session, data.parent_id, module, paragraph_id)
    comment_type, body, proposed = _clean(
        data, reply=parent is not None, on_paragraph=paragraph_version is not None,
        parent_type=parent.type if parent else None)
    comment = Comment(
        module=module, version=version, paragraph_id=paragraph_id,
        paragraph_version=paragraph_version, parent_id=parent.id if parent else None,
        author=author, type=comment_type, body=body, body_html=render_markdown(body),
        proposed_change=proposed, live_session_id=_live_session_for(session, data, module),
    )
    session.add(comment)
    session.flush()
    _adjust_counts(session, comment, +1)
    if parent is not None and parent.author_id != author.id:
        notifications.notify(session, parent.author_id, NotificationKind.REPLY, comment,
                             f"{author.name} replied to your comment #{parent.id}")
    return comment


def _live_session_for(session: Session, data: CommentInput, module: Module) -> int | None:
    """The side-event to tag the comment with: the one its author joined, if still running on this module."""
    if not data.live_session_id:
        return None
    live = session.get(LiveSession, data.live_session_id)
    return live.id if live is not None and live.active and live.module_id == module.id else None


def _serialise_posting(session: Session, module: Module) -> None:
    """Make a module's comments commit in id order, so a feed reading "ids after N" misses none.

    SQLite already has one writer at a time. PostgreSQL hands out ids before commit, so two
    posts could commit out of order; a transaction-scoped advisory lock per module prevents it.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:namespace, :module_id)"),
                        {"namespace": 4201, "module_id": module.id})


def _adjust_counts(session: Session, comment: Comment, delta: int) -> None:
    """Keep the visible-comment counts on the paragraph and module in step, in the same
    transaction (atomic increments, so concurrent posts never lose one)."""
    session.execute(update(Module).where(Module.id == comment.module_id).values(
        comment_count=Module.comment_count + delta,
        general_comment_count=Module.general_comment_count + (delta if comment.paragraph_id is None else 0)))
    if comment.paragraph_id is not None:
        session.execute(update(Paragraph).where(Paragraph.id == comment.paragraph_id)
                        .values(comment_count=Paragraph.comment_count + delta))


def recount(session: Session) -> None:
    """Recompute every maintained count from the comments (after bulk loads)."""
    visible = Comment.state != CommentState.HIDDEN
    session.execute(update(Paragraph).values(comment_count=select(func.count()).where(
        Comment.paragraph_id == Paragraph.id, visible).scalar_subquery()))
    session.execute(update(Module).values(
        comment_count=select(func.count()).where(Comment.module_id == Module.id, visible).scalar_subquery(),
        general_comment_count=select(func.count()).where(
            Comment.module_id == Module.id, Comment.paragraph_id.is_(None), visible).scalar_subquery()))


def get_comment(session: Session, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(f"no comment {comment_id}")
    return comment


def edit(session: Session, user: User, comment_id: int, data: CommentInput, on: date | None = None) -> Comment:
    """Replace an open comment's text (type, body and proposed change); the earlier text is kept."""
    comment = get_comment(session, comment_id)
    if not can_edit_comment(user, comment):
        raise Forbidden("Only the author may edit a comment, and only while it is open.")
    _check_open(comment.module, on or today())
    if data.type is None:
        data.type = comment.type.value
    comment_type, body, proposed = _clean(
        data, reply=comment.is_reply, on_paragraph=comment.paragraph_id is not None)
    if (comment_type, body, proposed) == (comment.type, comment.body, comment.proposed_change):
        return comment  # nothing changed: no new revision
    session.add(CommentRevision(
        comment=comment, revision=comment.revision, type=comment.type, body=comment.body,
        body_html=comment.body_html, proposed_change=comment.proposed_change,
        written_at=comment.edited_at or comment.created_at,
    ))
    comment.type, comment.body, comment.proposed_change = comment_type, body, proposed
    comment.body_html = render_markdown(body)
    comment.revision += 1
    comment.edited_at = datetime.now(timezone.utc)
    session.flush()
    return comment


def withdraw(session: Session, user: User, comment_id: int) -> Comment:
    """The author takes an open comment back; it stays in the record, marked withdrawn."""
    comment = get_comment(session, comment_id)
    if not can_edit_comment(user, comment):
        raise Forbidden("Only the author may withdraw a comment, and only while it is open.")
    comment.state = CommentState.WITHDRAWN
    comment.withdrawn_at = datetime.now(timezone.utc)
    session.flush()
    return comment


def hide(session: Session, moderator: User, comment_id: int, reason: str) -> Comment:
    """Hide a comment from public view with a reason; its author is told. Nothing is deleted."""
    if not can_moderate(moderator):
        raise Forbidden("Only editors and admins moderate comments.")
    comment = get_comment(session, comment_id)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput({"reason": "Say why the comment is hidden; its author will read this."})
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidInput({"reason": f"Keep the reason to {MAX_REASON_LENGTH:,} characters."})
    if comment.state is CommentState.HIDDEN:
        return comment
    previous = comment.state
    _adjust_counts(session, comment, -1)
    comment.state = CommentState.HIDDEN
    comment.hidden_at = datetime.now(timezone.utc)
    comment.hidden_by = moderator
    comment.hidden_reason = reason
    audit.record(session, moderator, "comment.hide", comment, reason=reason, previous_state=previous.value)
    notifications.notify(session, comment.author_id, NotificationKind.HIDDEN, comment,
                         f"Your comment #{comment.id} was hidden by the moderators: {reason[:200]}")
    session.flush()
    return comment


def unhide(session: Session, moderator: User, comment_id: int) -> Comment:
    """Undo a hide (e.g. a mistake); the comment returns to open or withdrawn as it was."""
    if not can_moderate(moderator):
        raise Forbidden("Only editors and admins moderate comments.")
    comment = get_comment(session, comment_id)
    if comment.state is not CommentState.HIDDEN:
        return comment
    comment.state = CommentState.WITHDRAWN if comment.withdrawn_at else CommentState.OPEN
    _adjust_counts(session, comment, +1)
    audit.record(session, moderator, "comment.unhide", comment, reason=comment.hidden_reason)
    comment.hidden_at = comment.hidden_by_id = comment.hidden_reason = None
    session.flush()
    return comment


# Reading ------------------------------------------------------------------------------

def _with_context(statement):
    """Load what displaying a comment needs in the same query. (Its paragraph comes with its
    paragraph version, so `comment.paragraph` is found in the session without a query.)"""
    return statement.options(
        joinedload(Comment.author), joinedload(Comment.version),
        joinedload(Comment.paragraph_version), joinedload(Comment.disposition),
    )


# What the JSON API and the live feeds show of a comment, as one flat row per comment read
# straight from the columns: a page of them costs one query and no ORM objects.
_FEED = (
    select(Comment.id, Comment.parent_id, Comment.author_id, Comment.type, Comment.body_html,
           Comment.proposed_change, Comment.created_at, Comment.state, Comment.revision,
           Paragraph.uid.label("paragraph_uid"), ParagraphVersion.clause,
           User.name.label("author_name"), User.organisation.label("author_organisation"),
           User.country.label("author_country"), User.stakeholder_group.label("author_group"),
           Version.number.label("version"), Disposition.decision, Disposition.response,
           Disposition.duplicate_of_id, Disposition.revision.label("disposition_revision"))
    .join(User, User.id == Comment.author_id)
    .join(Version, Version.id == Comment.version_id)
    .outerjoin(ParagraphVersion, ParagraphVersion.id == Comment.paragraph_version_id)
    .outerjoin(Paragraph, Paragraph.id == Comment.paragraph_id)
    .outerjoin(Disposition, (Disposition.comment_id == Comment.id)
               & (Disposition.revision == Comment.disposition_revision))
)


def feed(session: Session, *conditions, limit: int = API_PAGE_MAX) -> list:
    """Feed rows of the comments meeting `conditions`, oldest first."""
    return list(session.execute(_FEED.where(*conditions).order_by(Comment.id).limit(limit)))


def feed_row(session: Session, comment_id: int):
    """One comment's feed row (what the API answers after a write)."""
    rows = feed(session, Comment.id == comment_id, limit=1)
    if not rows:
        raise NotFound("No such comment.")
    return rows[0]


def comments_after(session: Session, slug: str, after: int = 0, limit: int = API_PAGE_DEFAULT) -> list:
    """A page of a module's comments (feed rows) with ids above `after`, oldest first (the API's
    feed). The module is found by the same query; only an empty page asks whether it exists."""
    module_id = select(Module.id).where(Module.slug == slug).scalar_subquery()
    rows = feed(session, Comment.module_id == module_id, Comment.id > after, limit=max(1, min(limit, API_PAGE_MAX)))
    if not rows:
        drafts.get_module(session, slug)  # NotFound for no such module
    return rows


@dataclass
class Filters:
    """What a reader narrowed the module page to."""

    type: CommentType | None = None
    author_id: int | None = None

    def apply(self, statement):
        if self.type is not None:
            statement = statement.where(Comment.type == self.type)
        if self.author_id is not None:
            statement = statement.where(Comment.author_id == self.author_id)
        return statement

    def as_args(self) -> dict:
        """The filters as query arguments for links (None where unset, so url_for leaves them out)."""
        return {"type": self.type.value if self.type else None, "mine": "1" if self.author_id else None}

    def matches(self, comment_type: CommentType, author_id: int) -> bool:
        return (self.type is None or comment_type is self.type) and (self.author_id is None or author_id == self.author_id)

    @property
    def active(self) -> bool:
        return self.type is not None or self.author_id is not None


def counts_by_paragraph(session: Session, module: Module, filters: Filters | None = None) -> dict[int | None, int]:
    """Visible comments per paragraph id (None: general comments), in one query.

    Unfiltered, the maintained counts answer (one row per paragraph, however many comments);
    filtered, the comments are counted.
    """
    if not (filters and filters.active):
        counts = dict(session.execute(select(Paragraph.id, Paragraph.comment_count).where(
            Paragraph.module_id == module.id, Paragraph.comment_count > 0)).all())
        if module.general_comment_count:
            counts[None] = module.general_comment_count
        return counts
    statement = (
        select(Comment.paragraph_id, func.count())
        .where(Comment.module_id == module.id, Comment.state != CommentState.HIDDEN)
        .group_by(Comment.paragraph_id)
    )
    statement = (filters or Filters()).apply(statement)
    return dict(session.execute(statement).all())


def module_comment_counts(session: Session) -> dict[int, int]:
    """Visible comments per module id (maintained counts)."""
    return dict(session.execute(select(Module.id, Module.comment_count)).all())


@dataclass
class ThreadNode:
    comment: Comment  # in a ThreadPage, a stub row (see _STUB); for_display() gives the whole comment
    replies: list[ThreadNode] = field(default_factory=list)

    def walk(self):
        yield self.comment
        for reply in self.replies:
            yield from reply.walk()


THREADS_PER_PAGE = 10


@dataclass
class ThreadPage:
    """A page of a paragraph's threads (top-level comments with all their replies)."""

    threads: list[ThreadNode]
    page: int
    pages: int
    thread_count: int  # threads matching the filters, on every page
    first: int  # 1-based position of the first thread shown

    def stubs(self) -> list:
        return [c for node in self.threads for c in node.walk()]

    def jumps(self) -> list[tuple[str, str, int]]:
        """The pager's links as (label, rel, page): earlier and later, and the oldest and newest
        pages when they are not already next door."""
        links = [("Oldest", "first", 1)] if self.page > 2 else []
        if self.page > 1:
            links.append(("Earlier threads", "prev", self.page - 1))
        if self.page < self.pages:
            links.append(("Later threads", "next", self.page + 1))
        if self.page < self.pages - 1:
            links.append(("Newest", "last", self.pages))
        return links


def thread(session: Session, module: Module, paragraph_id: int | None, filters: Filters | None = None,
           *, page: int = 1, focus: int | None = None, per_page: int = THREADS_PER_PAGE) -> ThreadPage:
    """A page of the comments on a paragraph (across all drafts) or the module's general ones,
    as stubs (`_STUB`): the page decides which comments it needs whole (`for_display`).

    Threads come oldest first; `focus` (a comment id) picks the page holding that comment's thread.
    Unfiltered, the threads are counted and paged by their top comments in the index, and only
    the page's threads are read. With filters, a thread is kept when its top comment or any reply
    matches, so a reply is never shown without the comment it answers: the paragraph is then read
    as a narrow skeleton (ids, parents, types, authors) to decide which threads are kept.
    """
    here = (Comment.module_id == module.id,
            Comment.paragraph_id.is_(None) if paragraph_id is None else Comment.paragraph_id == paragraph_id)
    top = _top_of(session, here, focus) if focus is not None else None
    filtering = filters is not None and filters.active
    if filtering:
        tops = _matching_tops(session, here, filters)
        count = len(tops)
        earlier = tops.index(top) if top in tops else None  # threads before the focused one
    else:
        top_comments = select(Comment.id).where(*here, Comment.parent_id.is_(None))
        count = session.scalar(top_comments.with_only_columns(func.count()))
        earlier = None if top is None else session.scalar(
            top_comments.with_only_columns(func.count()).where(Comment.id < top))
    pages = paging.page_count(count, per_page)
    page = paging.clamp(page if earlier is None else 1 + earlier // per_page, pages)
    start = (page - 1) * per_page
    shown = tops[start:start + per_page] if filtering else top_comments.order_by(Comment.id).limit(per_page).offset(start)
    tree = select(Comment.id).where(Comment.id.in_(shown)).cte("tree", recursive=True)
    tree = tree.union_all(select(Comment.id).join(tree, Comment.parent_id == tree.c.id))
    stubs = session.execute(select(*_STUB).join(User, User.id == Comment.author_id)
                            .where(Comment.id.in_(select(tree.c.id))).order_by(Comment.id)).all()
    return ThreadPage(as_trees(stubs), page, pages, count, start + 1)


def _matching_tops(session: Session, here, filters: Filters) -> list[int]:
    """The ids of the threads' top comments where the top comment or a reply matches `filters`."""
    skeleton = session.execute(select(Comment.id, Comment.parent_id, Comment.type, Comment.author_id)
                               .where(*here).order_by(Comment.id)).all()
    top_of: dict[int, int] = {}
    kept: dict[int, None] = {}  # an ordered set
    for row in skeleton:  # in id order, so a parent comes before its replies
        top = top_of[row.id] = top_of.get(row.parent_id, row.id)
        if filters.matches(row.type, row.author_id):
            kept[top] = None
    return sorted(kept)


def _top_of(session: Session, here, comment_id: int) -> int | None:
    """The top comment of the thread holding `comment_id`, if that comment is here."""
    up = select(Comment.id, Comment.parent_id).where(Comment.id == comment_id, *here).cte("up", recursive=True)
    up = up.union_all(select(Comment.id, Comment.parent_id).join(up, Comment.id == up.c.parent_id))
    return session.scalar(select(up.c.id).where(up.c.parent_id.is_(None)))


# What a thread page knows of each comment before deciding which to load whole: enough to
# tell whether its rendered card is still current, and to offer the reader's own actions.
_STUB = (
    Comment.id, Comment.parent_id, Comment.author_id, Comment.state, Comment.revision,
    Comment.disposition_revision, Comment.version_id, User.name.label("author_name"),
    User.organisation.label("author_organisation"), User.country.label("author_country"),
    User.stakeholder_group.label("author_group"),
)


def for_display(session: Session, ids: list[int]) -> list[Comment]:
    """Whole comments with what showing them needs (author, draft, paragraph text, disposition)."""
    if not ids:
        return []
    return list(session.scalars(_with_context(select(Comment).where(Comment.id.in_(ids)).order_by(Comment.id))).unique())


def as_trees(comments: list[Comment]) -> list[ThreadNode]:
    """Comments (in id order) as trees: replies under their parent, orphans at the top."""
    nodes = {c.id: ThreadNode(c) for c in comments}
    roots = []
    for c in comments:
        (nodes[c.parent_id].replies if c.parent_id in nodes else roots).append(nodes[c.id])
    return roots


def open_comments_by_paragraph(session: Session, module: Module) -> dict[int, list[Comment]]:
    """Open top-level comments on each paragraph (any draft), for building a revision."""
    result: dict[int, list[Comment]] = defaultdict(list)
    statement = _with_context(select(Comment).where(
        Comment.module_id == module.id, Comment.paragraph_id.is_not(None), Comment.parent_id.is_(None),
        Comment.state == CommentState.OPEN).order_by(Comment.id))
    for comment in session.scalars(statement).unique():
        result[comment.paragraph_id].append(comment)
    return result


MY_COMMENTS_PAGE = 50


@dataclass
class AuthorPage:
    comments: list[Comment]
    total: int
    older: int | None  # the `before` of the next (older) page, if there is one


def comments_by(session: Session, author: User, before: int | None = None,
                limit: int = MY_COMMENTS_PAGE) -> AuthorPage:
    """A page of what an author wrote, newest first (ids below `before`), with where it was made."""
    statement = select(Comment).where(Comment.author_id == author.id)
    if before is not None:
        statement = statement.where(Comment.id < before)
    found = list(session.scalars(_with_context(
        statement.options(joinedload(Comment.module)).order_by(Comment.id.desc()).limit(limit + 1))).unique())
    total = session.scalar(select(func.count()).select_from(Comment).where(Comment.author_id == author.id))
    older = found[limit - 1].id if len(found) > limit else None
    return AuthorPage(found[:limit], total, older)


def revisions_of(session: Session, comment: Comment) -> list[CommentRevision]:
    return list(session.scalars(
        select(CommentRevision).where(CommentRevision.comment_id == comment.id).order_by(CommentRevision.revision)))


def group_counts_by_clause(counts: dict[int | None, int], clause_of: dict[int, str]) -> dict[str, int]:
    """Comment counts summed per clause heading (`clause_of`: paragraph id -> clause), for the table of contents."""
    per_clause: dict[str, int] = defaultdict(int)
    for paragraph_id, clause in clause_of.items():
        per_clause[clause] += counts.get(paragraph_id, 0)
    return per_clause
