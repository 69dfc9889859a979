"""Live feeds: Server-Sent Events for new comments and for side-event sessions, and a polling fallback."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request, stream_with_context

from consult.db import EXTENSION_KEY, get_session
from consult.errors import json_error
from consult.services import drafts, live
from consult.web.api import blueprint
from consult.web.api.comments import comment_json

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _settings() -> live.StreamSettings:
    config = current_app.config
    return live.StreamSettings(poll_seconds=config["STREAM_POLL_SECONDS"],
                               heartbeat_seconds=config["STREAM_HEARTBEAT_SECONDS"],
                               lifetime_seconds=config["STREAM_LIFETIME_SECONDS"])


def _slots() -> live.StreamSlots:
    slots = current_app.extensions.get("consult.stream_slots")
    if slots is None:
        slots = current_app.extensions["consult.stream_slots"] = live.StreamSlots(int(current_app.config["MAX_STREAMS"]))
    return slots


def _stream(events) -> Response:
    """Serve `events` in one of this process's stream slots, or answer 503 so the page polls instead."""
    slots = _slots()
    if not slots.try_acquire():
        response, status = json_error(503, "This server is serving as many live streams as it can; "
                                           "use the polling endpoint or retry shortly.", "busy")
        response.headers["Retry-After"] = "5"
        return response, status

    def guarded():
        try:
            yield from events
        finally:
            slots.release()

    return Response(stream_with_context(guarded()), mimetype="text/event-stream", headers=SSE_HEADERS)


def _public_json(comment):
    return comment_json(comment, None)


@blueprint.get("/modules/<slug>/events")
def module_events(slug: str):
    """Each new comment on the module as `event: comment`; resumes after Last-Event-ID (or ?after=)."""
    module = drafts.get_module(get_session(), slug)
    raw = request.headers.get("Last-Event-ID") or request.args.get("after") or "0"
    after = int(raw) if raw.isdigit() else 0
    make_session = current_app.extensions[EXTENSION_KEY]
    get_session().close()  # the stream opens its own short sessions; hold no transaction open
    return _stream(live.module_stream(make_session, module.id, after, _settings(), _public_json))


@blueprint.get("/live/<code>/events")
def session_events(code: str):
    """A projector's feed: `state` events (spotlight, pause, hidden…) and `comment` events for the room."""
    live_session = live.get(get_session(), code)
    cursor = live.parse_cursor(request.headers.get("Last-Event-ID") or request.args.get("cursor"))
    make_session = current_app.extensions[EXTENSION_KEY]
    get_session().close()
    return _stream(live.session_stream(make_session, live_session.id, cursor, _settings(), _public_json))


@blueprint.get("/live/<code>/poll")
def session_poll(code: str):
    """The same feed as JSON, for where streams are blocked: state plus comments after the cursor."""
    session = get_session()
    live_session = live.get(session, code)
    after, _ = live.parse_cursor(request.args.get("cursor"))
    if after < 0:
        after = 0
    state = live.state(session, live_session)
    batch = [] if live_session.paused else live.room_comments(session, live_session, after)
    if batch:
        after = batch[-1].id
    return jsonify({
        "state": state,
        "comments": [live.room_json(c, live_session.anonymous, _public_json) for c in batch],
        "cursor": f"{after}.{live_session.state_revision}",
    })
