"""Pages and API calls cost the same number of SQL queries with 10 or 1,000 comments."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from consult.db import engine_for, get_session
from consult.services import comments
from consult.services.comments import CommentInput
from tests import factories
from tests.conftest import app_on


class QueryCounter:
    def __init__(self, engine):
        self.engine, self.count, self.statements = engine, 0, []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, connection, cursor, statement, *args):
        self.count += 1
        self.statements.append(statement)


def populate(app, count: int) -> str:
    """`count` comments on one module, a fifth of them on one paragraph, with replies and edits."""
    with app.app_context():
        session = get_session()
        target = factories.paragraphs(session)[7]
        factories.many_comments(session, count - count // 5)
        factories.many_comments(session, count // 5, uid=target.uid)
        expert = factories.user(session, "expert")
        parent = factories.comment(session, expert, target.uid)
        reply = factories.comment(session, factories.user(session, "other_expert"), target.uid, parent=parent)
        comments.edit(session, expert, parent.id, CommentInput(body="Edited.", type="technical"))
        comments.post_on_module(session, expert, "isacs-05-30", CommentInput(body="General.", type="general"))
        session.commit()
        return target.uid, reply.id


URLS = {
    "module page": "/modules/isacs-05-30",
    "thread page": "/modules/isacs-05-30/paragraphs/{uid}",
    "thread panel": "/modules/isacs-05-30/paragraphs/{uid}?fragment=1",
    "general comments": "/modules/isacs-05-30/general",
    "comments API page": "/api/v1/modules/isacs-05-30/comments?limit=500",
    "module API": "/api/v1/modules/isacs-05-30",
    "home": "/",
    "my comments": "/me/comments",
}


def measure(app, as_, count: int) -> dict[str, int]:
    uid, _ = populate(app, count)
    expert = as_(app, "expert")
    result = {}
    for name, url in URLS.items():
        expert.get(url.format(uid=uid))  # warm: the session's user and CSRF token
        with QueryCounter(engine_for(app)) as counter:
            response = expert.get(url.format(uid=uid))
        assert response.status_code == 200, name
        result[name] = counter.count
    return result


@pytest.fixture
def counts_at(databases):
    def at(count, as_):
        with app_on(databases) as app:
            return measure(app, as_, count)
    return at


def test_query_counts_do_not_grow_with_comments(counts_at, as_):
    small, large = counts_at(10, as_), counts_at(1_000, as_)
    print("\nqueries per request (10 comments / 1,000 comments):")
    for name in URLS:
        print(f"  {name:<18} {small[name]:>3} / {large[name]:>3}")
    assert small == large
    assert max(large.values()) <= 12
