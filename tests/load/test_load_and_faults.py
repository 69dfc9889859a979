"""A real gunicorn server under load and under a crash: nothing answered 201 is lost or doubled.

Runs against whichever database the suite runs on (SQLite, or PostgreSQL on the CI's second
pass). Bounded: 50 experts x 20 posts; the crash test stops after a few hundred posts.
"""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, select, text

from consult.models import Comment, User
from tests.conftest import PASSWORD
from tests.realhttp import Browserish, ServerProcess

EXPERTS = 50
POSTS_EACH = 20


@pytest.fixture
def database(databases):
    url = databases.clone()
    engine = create_engine(url)
    with engine.begin() as connection:
        password_hash = connection.execute(select(User.password_hash).where(User.email == "expert@example.org")).scalar()
        connection.execute(User.__table__.insert(), [
            {"email": f"load{n}@example.org", "name": f"Load Expert {n}", "password_hash": password_hash,
             "organisation": "Load test", "country": "NZ", "stakeholder_group": "other",
             "role": "expert", "session_generation": 1, "created_at": _now()}
            for n in range(EXPERTS)])
        uids = connection.execute(text(
            "SELECT p.uid FROM paragraph p JOIN paragraph_version pv ON pv.paragraph_id = p.id "
            "WHERE pv.kind <> 'heading' ORDER BY pv.id LIMIT 40")).scalars().all()
    engine.dispose()
    yield url, uids
    databases.drop(url)


def _now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def stored(url: str) -> dict[int, str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(Comment.id, Comment.body).where(Comment.body.like("load %"))).all()
    engine.dispose()
    return dict(rows)


def test_fifty_experts_posting_at_once_lose_nothing(database):
    url, uids = database
    with ServerProcess(url, workers=4, threads=8) as server:
        experts = []
        for n in range(EXPERTS):
            browser = Browserish(server.url)
            browser.log_in(f"load{n}@example.org", PASSWORD)
            experts.append(browser)

        def work(n: int) -> list[tuple[int, int | None, str]]:
            results, parent = [], None
            for k in range(POSTS_EACH):
                body = f"load expert {n} post {k}"
                payload = {"type": "technical", "body": body}
                if parent is not None and k % 2:
                    payload["parent_id"] = parent
                status, answer = experts[n].post_json(f"/api/v1/paragraphs/{uids[n % len(uids)]}/comments", payload)
                results.append((status, answer.get("id") if isinstance(answer, dict) else None, body))
                if status == 201 and not k % 2:
                    parent = answer["id"]
            return results

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=EXPERTS) as pool:
            outcomes = [r for batch in pool.map(work, range(EXPERTS)) for r in batch]
        elapsed = time.perf_counter() - started
    created = {cid: body for status, cid, body in outcomes if status == 201}
    server_errors = [status for status, _, _ in outcomes if status >= 500]
    in_database = stored(url)
    print(f"\nload on {url.split(':')[0]}: {len(outcomes)} posted, {len(created)} answered 201, "
          f"{len(in_database)} stored, {len(set(created) - set(in_database))} lost, "
          f"{len(in_database) - len(set(in_database.values()))} duplicated, {len(server_errors)} 5xx, "
          f"{len(outcomes) / elapsed:.0f} requests/s")
    assert server_errors == []
    assert len(created) == EXPERTS * POSTS_EACH
    assert in_database == created  # every 201 stored once, with its text, and nothing else


def test_concurrent_dispositions_conflict_instead_of_overwriting(database):
    url, uids = database
    engine = create_engine(url)
    with engine.begin() as connection:
        author = connection.execute(select(User.id).where(User.email == "expert@example.org")).scalar()
        module_id, version_id, paragraph_id, paragraph_version_id = connection.execute(text(
            "SELECT v.module_id, v.id, pv.paragraph_id, pv.id FROM paragraph_version pv JOIN version v ON v.id = pv.version_id "
            "WHERE pv.kind <> 'heading' ORDER BY pv.id LIMIT 1")).one()
        connection.execute(Comment.__table__.insert(), [
            {"module_id": module_id, "version_id": version_id, "paragraph_id": paragraph_id,
             "paragraph_version_id": paragraph_version_id, "author_id": author, "type": "technical",
             "body": f"load decide {n}", "body_html": "<p>x</p>", "state": "open", "revision": 1,
             "disposition_revision": 0, "created_at": _now()} for n in range(30)])
        ids = connection.execute(select(Comment.id).where(Comment.body.like("load decide %"))).scalars().all()
    engine.dispose()
    with ServerProcess(url, workers=4, threads=8) as server:
        editors = []
        for email in ("editor@example.org", "admin@example.org"):
            browser = Browserish(server.url)
            browser.log_in(email, PASSWORD)
            editors.append(browser)
        barrier = threading.Barrier(2)

        def decide(editor_index: int):
            decision = ("accepted", "noted")[editor_index]
            answers = []
            for comment_id in ids:
                barrier.wait()
                answers.append((comment_id, editors[editor_index].post_json(
                    f"/api/v1/comments/{comment_id}/disposition",
                    {"decision": decision, "response": "", "revision": 0}, method="PUT")[0]))
            return answers

        with ThreadPoolExecutor(max_workers=2) as pool:
            first, second = pool.map(decide, (0, 1))
    engine = create_engine(url)
    with engine.connect() as connection:
        decided = dict(connection.execute(select(Comment.id, Comment.decision).where(Comment.id.in_(ids))).all())
        revisions = connection.execute(text(
            "SELECT comment_id, count(*) FROM disposition WHERE comment_id IN (%s) GROUP BY comment_id"
            % ",".join(map(str, ids)))).all()
    engine.dispose()
    conflicts = 0
    for (comment_id, a), (_, b) in zip(first, second):
        assert sorted((a, b)) == [200, 409], (comment_id, a, b)
        winner = "accepted" if a == 200 else "noted"
        assert decided[comment_id] == winner
        conflicts += 1
    assert all(count == 1 for _, count in revisions)
    print(f"\n{conflicts} simultaneous pairs of dispositions: {conflicts} conflicts (409), 0 overwritten")


def test_a_server_killed_mid_burst_keeps_every_answered_comment(database):
    url, uids = database
    server = ServerProcess(url, workers=2, threads=8)
    server.__enter__()
    experts = []
    for n in range(10):
        browser = Browserish(server.url)
        browser.log_in(f"load{n}@example.org", PASSWORD)
        experts.append(browser)
    answered: dict[int, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def post(n: int):
        k = 0
        while not stop.is_set():
            body = f"load crash {n} {k}"
            try:
                status, answer = experts[n].post_json(f"/api/v1/paragraphs/{uids[n]}/comments",
                                                      {"type": "general", "body": body})
            except (OSError, http.client.HTTPException):  # the server died before or while answering
                return
            if status == 201:
                with lock:
                    answered[answer["id"]] = body
            k += 1

    threads = [threading.Thread(target=post, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(answered) < 150 and time.monotonic() < deadline:
        time.sleep(0.01)  # watching progress, not standing in for synchronisation
    os.killpg(server.process.pid, signal.SIGKILL)  # the whole server, mid-burst, no chance to clean up
    server.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    with ServerProcess(url, workers=1, threads=4) as restarted:
        assert Browserish(restarted.url).request("GET", "/healthz")[0] == 200
    in_database = stored(url)
    bodies = list(in_database.values())
    print(f"\nSIGKILL mid-burst: {len(answered)} answered 201, {len(in_database)} stored after restart, "
          f"{len(set(answered) - set(in_database))} lost, {len(bodies) - len(set(bodies))} duplicated")
    assert len(answered) >= 150
    assert set(answered) <= set(in_database)
    assert all(in_database[cid] == body for cid, body in answered.items())
    assert len(bodies) == len(set(bodies))
