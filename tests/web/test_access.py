"""Who may reach what: every route against every kind of person.

Each row names a route, how to call it, and the answer for a visitor, the comment's
author (expert), another expert, an editor, a facilitator and an admin. A test at the
end fails when a route exists that the table does not cover.
"""

from __future__ import annotations

import pytest

from consult.db import get_session
from consult.services import drafts, live, revisions
from tests import factories

ROLES = ["visitor", "expert", "other_expert", "editor", "facilitator", "admin"]
OK, CREATED, MOVED = 200, 201, 302
LOGIN = "login"  # a page that redirects a visitor to the sign-in form

# (name, method, url template, form or JSON body, answers in ROLES order)
# {slug}, {uid}, {cid} (a comment by "expert") and {uid_other} are filled in per test.
PUBLIC = [OK] * 6
SIGNED_IN_PAGE = [LOGIN, OK, OK, OK, OK, OK]
EDITORS_PAGE = [LOGIN, 403, 403, OK, 403, OK]
EDITORS_WRITE = [LOGIN, 403, 403, MOVED, 403, MOVED]
FACILITATORS_PAGE = [LOGIN, 403, 403, 403, OK, OK]
FACILITATORS_WRITE = [LOGIN, 403, 403, 403, MOVED, MOVED]
TABLE = [
    ("home", "GET", "/", None, PUBLIC),
    ("health", "GET", "/healthz", None, PUBLIC),
    ("module", "GET", "/modules/{slug}", None, PUBLIC),
    ("module at draft", "GET", "/modules/{slug}/drafts/1", None, PUBLIC),
    ("versions", "GET", "/modules/{slug}/drafts", None, PUBLIC),
    ("thread", "GET", "/modules/{slug}/paragraphs/{uid}", None, PUBLIC),
    ("general thread", "GET", "/modules/{slug}/general", None, PUBLIC),
    ("history", "GET", "/comments/{cid}/history", None, PUBLIC),
    ("login form", "GET", "/login", None, PUBLIC),
    ("register form", "GET", "/register", None, PUBLIC),
    ("static", "GET", "/static/style.css", None, PUBLIC),
    ("api modules", "GET", "/api/v1/modules", None, PUBLIC),
    ("api module", "GET", "/api/v1/modules/{slug}", None, PUBLIC),
    ("api comments", "GET", "/api/v1/modules/{slug}/comments", None, PUBLIC),
    ("api openapi", "GET", "/api/v1/openapi.json", None, PUBLIC),
    ("profile", "GET", "/account", None, SIGNED_IN_PAGE),
    ("my comments", "GET", "/me/comments", None, SIGNED_IN_PAGE),
    ("notifications", "GET", "/me/notifications", None, SIGNED_IN_PAGE),
    ("edit form", "GET", "/comments/{cid}/edit", None, [LOGIN, OK, 403, 403, 403, 403]),
    ("admin users", "GET", "/admin/users", None, [LOGIN, 403, 403, 403, 403, OK]),
    ("admin modules", "GET", "/admin/modules", None, [LOGIN, 403, 403, 403, 403, OK]),
    ("post comment", "POST", "/modules/{slug}/paragraphs/{uid}/comments",
     {"type": "technical", "body": "Form comment."}, [LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED]),
    ("post general", "POST", "/modules/{slug}/general/comments",
     {"type": "general", "body": "Form comment."}, [LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED]),
    ("edit", "POST", "/comments/{cid}/edit", {"type": "technical", "body": "Edited."},
     [LOGIN, MOVED, 403, 403, 403, 403]),
    ("withdraw", "POST", "/comments/{cid}/withdraw", {}, [LOGIN, MOVED, 403, 403, 403, 403]),
    ("hide", "POST", "/comments/{cid}/hide", {"reason": "Off topic."}, [LOGIN, 403, 403, MOVED, 403, MOVED]),
    ("unhide", "POST", "/comments/{cid}/unhide", {}, [LOGIN, 403, 403, MOVED, 403, MOVED]),
    ("set role", "POST", "/admin/users/{other_expert_id}/role", {"role": "editor"},
     [LOGIN, 403, 403, 403, 403, MOVED]),
    ("set deadline", "POST", "/admin/modules/{slug}/deadline", {"deadline": "2031-01-31"},
     [LOGIN, 403, 403, 403, 403, MOVED]),
    ("save profile", "POST", "/account",
     {"name": "New Name", "organisation": "Org", "country": "FR", "group": "academia"},
     [LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED]),
    ("change password", "POST", "/account/password", {"current_password": "wrong", "new_password": "x" * 12},
     [LOGIN, 422, 422, 422, 422, 422]),
    ("mark read", "POST", "/me/notifications/read", {}, [LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED]),
    ("logout", "POST", "/logout", {}, [MOVED] * 6),
    ("login", "POST", "/login", {"email": "nobody@example.org", "password": "wrong-password"}, [401] * 6),
    ("register", "POST", "/register", {"email": "new@example.org", "password": "long enough pw", "name": "New",
                                        "organisation": "", "country": "FR", "group": "other"}, [MOVED] * 6),
    ("api post comment", "POST", "/api/v1/paragraphs/{uid}/comments", {"type": "technical", "body": "API."},
     [401, CREATED, CREATED, CREATED, CREATED, CREATED]),
    ("api post general", "POST", "/api/v1/modules/{slug}/comments", {"type": "general", "body": "API."},
     [401, CREATED, CREATED, CREATED, CREATED, CREATED]),
    ("api edit", "PATCH", "/api/v1/comments/{cid}", {"body": "API edit."}, [401, OK, 403, 403, 403, 403]),
    ("api withdraw", "POST", "/api/v1/comments/{cid}/withdraw", {}, [401, OK, 403, 403, 403, 403]),
    ("compare", "GET", "/modules/{slug}/compare", None, PUBLIC),
    ("editor desk", "GET", "/editor", None, EDITORS_PAGE),
    ("triage", "GET", "/editor/modules/{slug}/comments", None, EDITORS_PAGE),
    ("comment detail", "GET", "/editor/comments/{cid}", None, EDITORS_PAGE),
    ("report", "GET", "/editor/modules/{slug}/report.{fmt}", None, EDITORS_PAGE),
    ("revision set", "GET", "/editor/modules/{slug}/revision", None, EDITORS_PAGE),
    ("preview", "GET", "/editor/revision-sets/{set_id}/preview", None, EDITORS_PAGE),
    ("audit log", "GET", "/editor/audit", None, EDITORS_PAGE),
    ("decide", "POST", "/editor/comments/{cid}/disposition", {"decision": "noted", "revision": "0"}, EDITORS_WRITE),
    ("bulk decide", "POST", "/editor/modules/{slug}/comments/bulk", {"decision": "noted", "comment_ids": "{cid}"},
     EDITORS_WRITE),
    ("open revision set", "POST", "/editor/modules/{slug2}/revision", {"title": "Next"}, EDITORS_WRITE),
    ("add change", "POST", "/editor/revision-sets/{set_id}/changes", {"kind": "edit", "uid": "{uid}", "text": "New."},
     EDITORS_WRITE),
    ("remove change", "POST", "/editor/revision-sets/{set_id}/changes/{change_id}/remove", {}, EDITORS_WRITE),
    ("publish", "POST", "/editor/revision-sets/{set_id}/publish", {"summary": "Draft 2"}, EDITORS_WRITE),
    ("abandon", "POST", "/editor/revision-sets/{set_id}/abandon", {}, EDITORS_WRITE),
    ("live sessions", "GET", "/live", None, FACILITATORS_PAGE),
    ("open live session", "POST", "/live", {"title": "Side-event", "module": "isacs-05-31"}, FACILITATORS_WRITE),
    ("live control", "GET", "/live/{code}/control", None, FACILITATORS_PAGE),
    ("live action", "POST", "/live/{code}/control", {"action": "next"}, FACILITATORS_WRITE),
    ("projector", "GET", "/live/{code}", None, PUBLIC),
    ("join link", "GET", "/j/{code}", None, [LOGIN, MOVED, MOVED, MOVED, MOVED, MOVED]),
    ("join by code", "POST", "/join", {"code": "{code}"}, [MOVED] * 6),
    ("module events", "GET", "/api/v1/modules/{slug}/events", None, PUBLIC),
    ("session events", "GET", "/api/v1/live/{code}/events", None, PUBLIC),
    ("session poll", "GET", "/api/v1/live/{code}/poll", None, PUBLIC),
    ("api disposition", "PUT", "/api/v1/comments/{cid}/disposition", {"decision": "noted", "revision": 0},
     [401, 403, 403, OK, 403, OK]),
]

CASES = [pytest.param(row, role, answer, id=f"{row[0]}-{role}")
         for row in TABLE for role, answer in zip(ROLES, row[4])]


@pytest.fixture
def setting(app):
    """A comment by "expert" to act on, and the ids the table's URLs need."""
    with app.app_context():
        session = get_session()
        target = factories.paragraphs(session)[5]
        comment = factories.comment(session, factories.user(session, "expert"), target.uid)
        editor = factories.user(session, "editor")
        module = drafts.get_module(session, "isacs-05-30")
        revision_set = revisions.open_set(session, editor, module)
        change = revisions.edit_paragraph(session, editor, revision_set, factories.paragraphs(session)[6].uid, "Edited.")
        side_event = live.create(session, factories.user(session, "facilitator"), module, "Side-event")
        session.commit()
        return {"slug": "isacs-05-30", "slug2": "isacs-05-31", "uid": target.uid, "cid": comment.id,
                "other_expert_id": factories.user(session, "other_expert").id, "set_id": revision_set.id,
                "change_id": change.id, "fmt": "csv", "code": side_event.code}


@pytest.mark.parametrize(("row", "role", "expected"), CASES)
def test_access(app, as_, setting, row, role, expected):
    name, method, template, body, _ = row
    person = as_(app, None if role == "visitor" else role)
    url = template.format(**setting)
    if isinstance(body, dict):
        body = {key: value.format(**setting) if isinstance(value, str) else value for key, value in body.items()}
    if method == "GET":
        response = person.get(url)
    elif url.startswith("/api/"):
        response = person.api(method, url, json=body)
    else:
        response = person.form(url, data=body)
    if expected == LOGIN:
        assert response.status_code == 302 and "/login" in response.headers["Location"], (name, role)
    else:
        assert response.status_code == expected, (name, role, response.get_data(as_text=True)[:300])


def test_every_route_is_in_the_access_table(app):
    covered = {(method, template.split("?")[0].replace("{slug2}", "{slug}")) for _, method, template, _, _ in TABLE}
    placeholders = {"slug": "{slug}", "uid": "{uid}", "comment_id": "{cid}", "number": "1",
                    "user_id": "{other_expert_id}", "filename": "style.css", "set_id": "{set_id}",
                    "change_id": "{change_id}", "fmt": "{fmt}", "code": "{code}"}
    import re

    missing = []
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: placeholders[m[1]], rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, path) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert missing == []
