"""Live sessions at side-events: spotlight, pause, anonymity, hiding from the room, and the
event streams that carry comments and state changes to projectors in any server process."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, sessionmaker

from consult.models import (
    Comment,
    CommentState,
    LiveSession,
    Module,
    ParagraphKind,
    ParagraphVersion,
    StakeholderGroup,
    User,
    Version,
    live_hidden_comment,
)
from consult.permissions import can_run_live
from consult.services import comments, drafts
from consult.services.comments import ThreadNode, _with_context, as_trees
from consult.services.errors import Conflict, Forbidden, InvalidInput, NotFound

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread from the back row
CODE_LENGTH = 6
TICKER_SIZE = 8
SPOTLIGHT_SIZE = 30


def _require(user: User) -> None:
    if not can_run_live(user):
        raise Forbidden("Only facilitators and admins run live sessions.")


def _bump(live: LiveSession) -> None:
    live.state_revision += 1


def create(session: Session, facilitator: User, module: Module, title: str) -> LiveSession:
    _require(facilitator)
    title = (title or "").strip()
    if not title:
        raise InvalidInput({"title": "Give the session a title, e.g. the side-event's name."})
    if len(title) > 200:
        raise InvalidInput({"title": "Keep the title under 200 characters."})
    first = next((p for p in drafts.paragraphs_of(session, drafts.get_version(session, module))
                  if p.kind is not ParagraphKind.HEADING), None)
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(LiveSession.id).where(LiveSession.code == code)) is None:
            break
    live = LiveSession(code=code, module=module, title=title, facilitator=facilitator,
                       spotlight_paragraph_id=first.paragraph_id if first else None)
    session.add(live)
    session.flush()
    return live


def get(session: Session, code: str) -> LiveSession:
    live = session.scalar(select(LiveSession).where(LiveSession.code == code.upper().strip())
                          .options(joinedload(LiveSession.module)))
    if live is None:
        raise NotFound(f"no live session {code!r}")
    return live


def list_for(session: Session, user: User) -> list[LiveSession]:
    return list(session.scalars(select(LiveSession).options(joinedload(LiveSession.module))
                                .order_by(LiveSession.ended_at.is_not(None), LiveSession.id.desc()).limit(50)))


def _active(live: LiveSession) -> None:
    if not live.active:
        raise Conflict("This live session has ended.")


def _current_paragraphs(session: Session, live: LiveSession) -> list[ParagraphVersion]:
    return [p for p in drafts.paragraphs_of(session, drafts.get_version(session, live.module))
            if p.kind is not ParagraphKind.HEADING]


def spotlight(session: Session, user: User, live: LiveSession, uid: str | None = None, step: int = 0) -> None:
    """Put a paragraph (by uid) on the projector, or step to the next (+1) or previous (-1) one."""
    _require(user)
    _active(live)
    paragraphs = _current_paragraphs(session, live)
    if uid:
        target = next((p for p in paragraphs if p.uid == uid), None)
        if target is None:
            raise InvalidInput({"uid": "Choose a paragraph of the current draft."})
    else:
        ids = [p.paragraph_id for p in paragraphs]
        index = ids.index(live.spotlight_paragraph_id) if live.spotlight_paragraph_id in ids else -1
        target = paragraphs[max(0, min(len(paragraphs) - 1, index + step))]
    if target.paragraph_id != live.spotlight_paragraph_id:
        live.spotlight_paragraph_id = target.paragraph_id
        _bump(live)


def set_paused(session: Session, user: User, live: LiveSession, paused: bool) -> None:
    _require(user)
    _active(live)
    if live.paused != paused:
        live.paused = paused
        _bump(live)


def set_anonymous(session: Session, user: User, live: LiveSession, anonymous: bool) -> None:
    _require(user)
    _active(live)
    if live.anonymous != anonymous:
        live.anonymous = anonymous
        _bump(live)


def hide_from_room(session: Session, user: User, live: LiveSession, comment_id: int, hidden: bool = True) -> None:
    """Take a comment off the projection (or put it back); the record keeps it either way."""
    _require(user)
    comment = session.get(Comment, comment_id)
    if comment is None or comment.module_id != live.module_id:
        raise NotFound(f"no comment {comment_id} on {live.module.code}")
    if hidden and comment not in live.hidden_comments:
        live.hidden_comments.append(comment)
        _bump(live)
    elif not hidden and comment in live.hidden_comments:
        live.hidden_comments.remove(comment)
        _bump(live)


def end(session: Session, user: User, live: LiveSession) -> None:
    _require(user)
    if live.active:
        live.ended_at = datetime.now(timezone.utc)
        _bump(live)


# What the room sees ------------------------------------------------------------------

def hidden_ids(session: Session, live_id: int) -> set[int]:
    return set(session.scalars(select(live_hidden_comment.c.comment_id)
                               .where(live_hidden_comment.c.live_session_id == live_id)))


def state(session: Session, live: LiveSession) -> dict:
    """Everything a projector needs to know besides the comments themselves."""
    spot = None
    if live.spotlight_paragraph_id:
        paragraph = session.scalar(
            select(ParagraphVersion).join(Version, Version.id == ParagraphVersion.version_id)
            .where(ParagraphVersion.paragraph_id == live.spotlight_paragraph_id)
            .order_by(Version.number.desc()).limit(1))
        if paragraph is not None:
            spot = {"uid": paragraph.uid, "clause": paragraph.clause, "reference": paragraph.reference,
                    "kind": paragraph.kind.value, "html": paragraph.html, "marker": paragraph.marker,
                    "heading": _heading_of(session, paragraph)}
    return {
        "code": live.code, "title": live.title, "module": live.module.slug, "module_code": live.module.code,
        "spotlight": spot, "paused": live.paused, "anonymous": live.anonymous, "ended": not live.active,
        "hidden": sorted(hidden_ids(session, live.id)), "revision": live.state_revision,
    }


def _heading_of(session: Session, paragraph: ParagraphVersion) -> str:
    heading = session.scalar(
        select(ParagraphVersion.text).where(ParagraphVersion.version_id == paragraph.version_id,
                                            ParagraphVersion.kind == ParagraphKind.HEADING,
                                            ParagraphVersion.position < paragraph.position)
        .order_by(ParagraphVersion.position.desc()).limit(1))
    return heading or ""


def room_comments(session: Session, live: LiveSession, after: int = 0, limit: int = 200) -> list:
    """Feed rows of the module's comments after `after`, minus those hidden from the room or by moderators."""
    hidden = hidden_ids(session, live.id)
    rows = comments.feed(session, Comment.module_id == live.module_id, Comment.id > after,
                         Comment.state != CommentState.HIDDEN, limit=limit)
    return [row for row in rows if row.id not in hidden]


def spotlight_comments(session: Session, live: LiveSession) -> list[Comment]:
    """The newest comments on the spotlighted paragraph (a screen holds a few; a busy paragraph
    can have hundreds), oldest of them first."""
    if not live.spotlight_paragraph_id:
        return []
    hidden = hidden_ids(session, live.id)
    statement = _with_context(select(Comment).where(
        Comment.paragraph_id == live.spotlight_paragraph_id, Comment.state != CommentState.HIDDEN)
        .order_by(Comment.id.desc()).limit(SPOTLIGHT_SIZE + len(hidden)))
    return [c for c in session.scalars(statement).unique() if c.id not in hidden][:SPOTLIGHT_SIZE][::-1]


def spotlight_threads(session: Session, live: LiveSession) -> list[ThreadNode]:
    """The spotlighted paragraph's comments as threads (replies under their parent)."""
    return as_trees(spotlight_comments(session, live))


def ticker(session: Session, live: LiveSession) -> list[Comment]:
    """The latest comments elsewhere in the module."""
    hidden = hidden_ids(session, live.id)
    statement = _with_context(select(Comment).where(
        Comment.module_id == live.module_id, Comment.state != CommentState.HIDDEN,
        (Comment.paragraph_id != live.spotlight_paragraph_id) | Comment.paragraph_id.is_(None))
        .order_by(Comment.id.desc()).limit(TICKER_SIZE + len(hidden)))
    return [c for c in session.scalars(statement).unique() if c.id not in hidden][:TICKER_SIZE][::-1]


@dataclass
class RoomCounts:
    by_clause: list[tuple[str, int]]
    by_group: list[tuple[str, str, int]]  # group value, its label, count
    total: int


def counts(session: Session, live: LiveSession) -> RoomCounts:
    """Visible comments per top-level clause (text order) and per stakeholder group."""
    by_clause_rows = session.execute(
        select(ParagraphVersion.clause, func.count()).join(Comment, Comment.paragraph_version_id == ParagraphVersion.id)
        .where(Comment.module_id == live.module_id, Comment.state != CommentState.HIDDEN)
        .group_by(ParagraphVersion.clause)).all()
    top: Counter[str] = Counter()
    for clause, n in by_clause_rows:
        top[clause.split(".")[0] or "Title"] += n
    general = session.scalar(select(func.count()).select_from(Comment).where(
        Comment.module_id == live.module_id, Comment.paragraph_id.is_(None), Comment.state != CommentState.HIDDEN)) or 0
    order = [p.clause for p in _current_paragraphs_of_module(session, live.module) if p.level == 2]
    clauses = [(c, top[c]) for c in order if top[c]] + [(c, n) for c, n in top.items() if c not in order and n]
    if general:
        clauses.insert(0, ("General", general))
    groups = dict(session.execute(
        select(User.stakeholder_group, func.count()).join(Comment, Comment.author_id == User.id)
        .where(Comment.module_id == live.module_id, Comment.state != CommentState.HIDDEN)
        .group_by(User.stakeholder_group)).all())
    by_group = [(g.value, g.short_label, groups.get(g, 0)) for g in StakeholderGroup]
    return RoomCounts(clauses, by_group, sum(n for _, n in clauses))


def _current_paragraphs_of_module(session: Session, module: Module) -> list[ParagraphVersion]:
    return drafts.paragraphs_of(session, drafts.get_version(session, module))


def room_json(comment, anonymous: bool, as_json: Callable) -> dict:
    """A comment as the projection shows it: the API's object, names removed in an anonymous room."""
    data = as_json(comment)
    if anonymous:
        data["author"] = {**data["author"], "name": "", "organisation": ""}
    return data


# Streams ------------------------------------------------------------------------------

class StreamSlots:
    """How many event streams this process serves at once; the rest are told to retry or poll.

    A stream holds a worker thread for its whole life, so without a bound a room of projectors
    could take every thread and starve ordinary page requests.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self._semaphore = threading.BoundedSemaphore(limit)

    def try_acquire(self) -> bool:
        return self._semaphore.acquire(blocking=False)

    def release(self) -> None:
        self._semaphore.release()


@dataclass
class StreamSettings:
    poll_seconds: float = 0.5
    heartbeat_seconds: float = 15.0
    lifetime_seconds: float = 300.0
    retry_ms: int = 1000


def sse(event: str | None, data, event_id: str | None = None) -> str:
    lines = []
    if event_id is not None:
        lines.append(f"id: {event_id}")
    if event:
        lines.append(f"event: {event}")
    payload = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    lines += [f"data: {line}" for line in payload.split("\n")]
    return "\n".join(lines) + "\n\n"


def module_stream(make_session: sessionmaker, module_id: int, after: int, settings: StreamSettings,
                  as_json: Callable) -> Iterator[str]:
    """New comments on a module as they are stored, from any process, resuming after `after`."""
    yield f"retry: {settings.retry_ms}\n\n"
    deadline = time.monotonic() + settings.lifetime_seconds
    last_beat = time.monotonic()
    while time.monotonic() < deadline:
        with make_session() as session:
            batch = comments.feed(session, Comment.module_id == module_id, Comment.id > after, limit=200)
            events = [sse("comment", as_json(c), str(c.id)) for c in batch]
        for event, comment in zip(events, batch):
            after = comment.id
            yield event
        if time.monotonic() - last_beat >= settings.heartbeat_seconds:
            last_beat = time.monotonic()
            yield ": keepalive\n\n"
        if not batch:
            time.sleep(settings.poll_seconds)


def parse_cursor(raw: str | None) -> tuple[int, int]:
    """A session stream's position: "<last comment id>.<state revision>"."""
    try:
        comment_part, state_part = (raw or "").split(".")
        return int(comment_part), int(state_part)
    except ValueError:
        return -1, 0


def session_stream(make_session: sessionmaker, live_id: int, cursor: tuple[int, int], settings: StreamSettings,
                   as_json: Callable) -> Iterator[str]:
    """A projector's feed: state changes, and comments for the room unless paused.

    A fresh connection (cursor comment id -1) starts after the newest comment: the page it
    belongs to rendered the earlier ones. A resumed one continues exactly where it stopped.
    """
    after, seen_revision = cursor
    yield f"retry: {settings.retry_ms}\n\n"
    deadline = time.monotonic() + settings.lifetime_seconds
    last_beat = time.monotonic()
    while time.monotonic() < deadline:
        events = []
        with make_session() as session:
            live = session.get(LiveSession, live_id)
            if after < 0:
                after = session.scalar(select(func.max(Comment.id)).where(Comment.module_id == live.module_id)) or 0
            if live.state_revision != seen_revision:
                seen_revision = live.state_revision
                events.append(sse("state", state(session, live), f"{after}.{seen_revision}"))
            if not live.paused:
                for comment in room_comments(session, live, after):
                    after = comment.id
                    events.append(sse("comment", room_json(comment, live.anonymous, as_json), f"{after}.{seen_revision}"))
            ended = not live.active
        yield from events
        if ended:
            return
        if time.monotonic() - last_beat >= settings.heartbeat_seconds:
            last_beat = time.monotonic()
            yield ": keepalive\n\n"
        if not events:
            time.sleep(settings.poll_seconds)


def cursor_now(session: Session, live: LiveSession) -> str:
    """Where a page rendered now leaves off, for its stream to continue from."""
    newest = session.scalar(select(func.max(Comment.id)).where(Comment.module_id == live.module_id)) or 0
    return f"{newest}.{live.state_revision}"


def room_comments_for_control(session: Session, live: LiveSession, limit: int = 30) -> list[Comment]:
    """The latest comments on the module, newest first, hidden-from-room ones included (marked)."""
    statement = _with_context(select(Comment).where(
        Comment.module_id == live.module_id, Comment.state != CommentState.HIDDEN)
        .order_by(Comment.id.desc()).limit(limit))
    return list(session.scalars(statement).unique())
