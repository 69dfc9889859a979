"""Live sessions: controls, what reaches the projection, and the event streams over real HTTP."""

from __future__ import annotations

import pytest

from consult.db import get_session
from consult.services import drafts, live
from consult.services.errors import Forbidden
from tests import factories
from tests.conftest import PASSWORD, app_on, serving
from tests.realhttp import Browserish, EventStream, ServerProcess


@pytest.fixture
def side_event(app):
    with app.app_context():
        session = get_session()
        module = drafts.get_module(session, "isacs-05-30")
        event = live.create(session, factories.user(session, "facilitator"), module, "Polymer frames")
        session.commit()
        paragraphs = factories.paragraphs(session)
        return {"code": event.code, "id": event.id, "uids": [p.uid for p in paragraphs]}


@pytest.fixture
def stream_app(databases):
    """An app whose streams last long enough to follow."""
    with app_on(databases, STREAM_LIFETIME_SECONDS=30, STREAM_POLL_SECONDS=0.05) as app:
        yield app


@pytest.fixture
def shared_database(databases):
    """A database for servers in other processes."""
    url = databases.clone()
    yield url
    databases.drop(url)


def test_controls_change_state_and_bump_the_revision(session):
    facilitator = factories.user(session, "facilitator")
    event = live.create(session, facilitator, drafts.get_module(session, "isacs-05-31"), "Tracing requests")
    uids = [p.uid for p in factories.paragraphs(session, "isacs-05-31")]
    assert len(event.code) == 6 and live.state(session, event)["spotlight"]["uid"] == uids[0]
    revision = event.state_revision
    live.spotlight(session, facilitator, event, step=1)
    live.spotlight(session, facilitator, event, step=1)
    live.spotlight(session, facilitator, event, step=-1)
    assert live.state(session, event)["spotlight"]["uid"] == uids[1]
    live.spotlight(session, facilitator, event, uid=uids[10])
    live.set_paused(session, facilitator, event, True)
    live.set_anonymous(session, facilitator, event, True)
    state = live.state(session, event)
    assert (state["spotlight"]["uid"], state["paused"], state["anonymous"]) == (uids[10], True, True)
    assert event.state_revision == revision + 6
    live.end(session, facilitator, event)
    assert live.state(session, event)["ended"] is True


@pytest.mark.parametrize("who", ["expert", "other_expert", "editor"])
def test_only_facilitators_and_admins_control_a_session(session, who):
    facilitator = factories.user(session, "facilitator")
    event = live.create(session, facilitator, drafts.get_module(session, "isacs-05-31"), "Tracing")
    intruder = factories.user(session, who)
    for attempt in (lambda: live.spotlight(session, intruder, event, step=1),
                    lambda: live.set_paused(session, intruder, event, True),
                    lambda: live.end(session, intruder, event),
                    lambda: live.create(session, intruder, event.module, "Mine")):
        with pytest.raises(Forbidden):
            attempt()
    live.spotlight(session, factories.user(session, "admin"), event, step=1)


def test_comments_from_people_who_joined_are_tagged(app, as_, side_event):
    expert = as_(app, "expert")
    assert expert.get(f"/j/{side_event['code']}").status_code == 302
    posted = expert.api("POST", f"/api/v1/paragraphs/{side_event['uids'][4]}/comments", {"type": "general", "body": "From the room."})
    outside = as_(app, "other_expert").api("POST", f"/api/v1/paragraphs/{side_event['uids'][4]}/comments",
                                           {"type": "general", "body": "From elsewhere."})
    editor = as_(app, "editor")
    html = editor.get(f"/editor/modules/isacs-05-30/comments?live={side_event['id']}").get_data(as_text=True)
    assert f'data-id="{posted.get_json()["id"]}"' in html and f'data-id="{outside.get_json()["id"]}"' not in html


def test_the_join_link_opens_the_spotlighted_paragraph_ready_to_comment(app, as_, side_event):
    response = as_(app, "expert").get(f"/j/{side_event['code']}")
    assert response.headers["Location"].endswith(
        f"/modules/isacs-05-30/paragraphs/{side_event['uids'][0]}#add-comment-{side_event['uids'][0]}")
    visitor = as_(app, None).get(f"/j/{side_event['code']}")
    assert "/login" in visitor.headers["Location"]


def test_projector_page_shows_the_join_code_qr_and_counts(app, as_, side_event):
    html = as_(app, None).get(f"/live/{side_event['code']}").get_data(as_text=True)
    assert side_event["code"] in html and "<svg" in html and 'aria-label="QR code of the join link"' in html
    assert "By stakeholder group" in html and f"/j/{side_event['code']}" in html


def test_spotlight_changes_reach_the_stream(stream_app, as_):
    with stream_app.app_context():
        session = get_session()
        event = live.create(session, factories.user(session, "facilitator"), drafts.get_module(session, "isacs-05-30"), "S")
        session.commit()
        code, revision = event.code, event.state_revision
        target = factories.paragraphs(session)[42].uid
    with serving(stream_app) as url:
        stream = EventStream(url, f"/api/v1/live/{code}/events?cursor=0.{revision}")
        facilitator = as_(stream_app, "facilitator")
        assert facilitator.form(f"/live/{code}/control", {"action": "spotlight", "uid": target}).status_code == 302
        kind, state = stream.wait_for(lambda k, d: k == "state")
        assert state["spotlight"]["uid"] == target
        facilitator.form(f"/live/{code}/control", {"action": "pause"})
        kind, state = stream.wait_for(lambda k, d: k == "state")
        assert state["paused"] is True
        stream.close()


def test_hidden_from_the_room_never_reaches_the_projection(stream_app, as_):
    with stream_app.app_context():
        session = get_session()
        facilitator = factories.user(session, "facilitator")
        event = live.create(session, facilitator, drafts.get_module(session, "isacs-05-30"), "S")
        live.set_paused(session, facilitator, event, True)
        session.commit()
        code, uid = event.code, factories.paragraphs(session)[0].uid
        cursor = live.cursor_now(session, event)
    with serving(stream_app) as url:
        stream = EventStream(url, f"/api/v1/live/{code}/events?cursor={cursor}")
        expert = as_(stream_app, "expert")
        rude = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments", {"type": "general", "body": "Rude."}).get_json()
        fine = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments", {"type": "general", "body": "Fine."}).get_json()
        facilitator = as_(stream_app, "facilitator")
        facilitator.form(f"/live/{code}/control", {"action": "hide", "comment_id": str(rude["id"])})
        facilitator.form(f"/live/{code}/control", {"action": "resume"})
        stream.wait_for(lambda k, d: k == "comment" and d["id"] == fine["id"])
        assert rude["id"] not in stream.comments_seen
        stream.close()
        poll = as_(stream_app, None).get(f"/api/v1/live/{code}/poll?cursor=0.0").get_json()
        assert rude["id"] not in [c["id"] for c in poll["comments"]] and rude["id"] in poll["state"]["hidden"]
        page = as_(stream_app, None).get(f"/live/{code}").get_data(as_text=True)
        assert "Rude." not in page and "Fine." in page


def test_anonymous_room_hides_names_on_the_projection_only(app, as_, side_event):
    as_(app, "facilitator").form(f"/live/{side_event['code']}/control", {"action": "anonymous"})
    expert = as_(app, "expert")
    expert.api("POST", f"/api/v1/paragraphs/{side_event['uids'][0]}/comments", {"type": "general", "body": "Anon."})
    poll = as_(app, None).get(f"/api/v1/live/{side_event['code']}/poll?cursor=0.0").get_json()
    assert poll["comments"][-1]["author"]["name"] == "" and poll["comments"][-1]["author"]["group"] == "member_state"
    listed = as_(app, None).get("/api/v1/modules/isacs-05-30/comments").get_json()["comments"]
    assert listed[-1]["author"]["name"] == "Ana Expert"


def test_a_resumed_stream_misses_nothing_and_repeats_nothing(stream_app, as_):
    with stream_app.app_context():
        uid = factories.paragraphs(get_session())[3].uid
    expert = as_(stream_app, "expert")
    post = lambda n: expert.api("POST", f"/api/v1/paragraphs/{uid}/comments",  # noqa: E731
                                {"type": "general", "body": f"Comment {n}."}).get_json()["id"]
    with serving(stream_app) as url:
        first = [post(n) for n in range(3)]
        stream = EventStream(url, "/api/v1/modules/isacs-05-30/events")
        stream.wait_for(lambda k, d: k == "comment" and d["id"] == first[-1])
        stream.close()  # the connection drops...
        later = [post(n) for n in range(3, 7)]  # ...while comments keep coming
        resumed = EventStream(url, "/api/v1/modules/isacs-05-30/events", last_event_id=stream.last_id)
        resumed.wait_for(lambda k, d: k == "comment" and d["id"] == later[-1])
        resumed.close()
    assert stream.comments_seen == first
    assert resumed.comments_seen == later


def test_streams_end_by_themselves(app, as_):
    with serving(app) as url:  # the test app's streams live 0.3 s
        stream = EventStream(url, "/api/v1/modules/isacs-05-30/events")
        assert stream.status == 200
        assert list(stream.events()) == []  # no comments, and the server closed the stream


def test_a_process_serves_a_bounded_number_of_streams_and_stays_responsive(shared_database):
    with ServerProcess(shared_database, workers=1, threads=4, STREAM_LIFETIME_SECONDS=30,
                       STREAM_HEARTBEAT_SECONDS=0.5) as server:
        # 4 threads: 2 streams (threads - 2), the rest stay free for pages
        streams = [EventStream(server.url, "/api/v1/modules/isacs-05-30/events") for _ in range(2)]
        assert [s.status for s in streams] == [200, 200]
        refused = EventStream(server.url, "/api/v1/modules/isacs-05-30/events")
        assert refused.status == 503
        assert json_of(refused)["error"]["code"] == "busy"
        page = Browserish(server.url)
        assert page.request("GET", "/healthz")[0] == 200
        assert page.request("GET", "/modules/isacs-05-30")[0] == 200
        for stream in streams:
            stream.close()


def json_of(stream: EventStream) -> dict:
    import json

    return json.loads(stream.response.read())


def test_a_comment_posted_to_one_process_reaches_a_stream_served_by_another(shared_database):
    url = shared_database
    with ServerProcess(url, STREAM_POLL_SECONDS=0.1) as writer, ServerProcess(url, STREAM_POLL_SECONDS=0.1) as reader:
        assert writer.process.pid != reader.process.pid
        stream = EventStream(reader.url, "/api/v1/modules/isacs-05-30/events")
        expert = Browserish(writer.url)
        expert.log_in("expert@example.org", PASSWORD)
        uid = json_module(writer.url)["paragraphs"][5]["uid"]
        status, comment = expert.post_json(f"/api/v1/paragraphs/{uid}/comments",
                                           {"type": "technical", "body": "Across processes."})
        assert status == 201
        kind, data = stream.wait_for(lambda k, d: k == "comment" and d["id"] == comment["id"])
        assert data["body_html"] == "<p>Across processes.</p>"
        stream.close()


def json_module(base_url: str) -> dict:
    import json
    import urllib.request

    with urllib.request.urlopen(base_url + "/api/v1/modules/isacs-05-30") as response:
        return json.load(response)


def test_a_busy_spotlight_shows_its_newest_comments_replies_included(session):
    facilitator = factories.user(session, "facilitator")
    module = drafts.get_module(session, "isacs-05-31")
    event = live.create(session, facilitator, module, "Tracing")
    spotlit = next(p for p in factories.paragraphs(session, "isacs-05-31") if p.paragraph_id == event.spotlight_paragraph_id)
    expert = factories.user(session, "expert")
    first = factories.comment(session, expert, spotlit.uid, body="The very first.")
    posted = [factories.comment(session, expert, spotlit.uid, body=f"Point {n}.") for n in range(live.SPOTLIGHT_SIZE)]
    late_reply = factories.comment(session, factories.user(session, "other_expert"), spotlit.uid, parent=first)
    shown = live.spotlight_comments(session, event)
    assert len(shown) == live.SPOTLIGHT_SIZE and shown[-1].id == late_reply.id
    assert first.id not in {c.id for c in shown} and posted[0].id not in {c.id for c in shown}
    assert [c.id for c in shown] == sorted(c.id for c in shown)  # oldest of them first, as the room reads
    assert late_reply.id in {node.comment.id for node in live.spotlight_threads(session, event)}  # its parent is off screen
