"""The comment API: shapes (checked against the OpenAPI document), errors, CSRF, paging."""

from __future__ import annotations

from datetime import date

import pytest

from consult.db import get_session
from consult.services import drafts
from tests import factories
from tests.web.test_api import validate_schema


@pytest.fixture
def uid(app):
    with app.app_context():
        return factories.paragraphs(get_session())[3].uid


def test_post_answers_201_with_the_comment_as_stored(app, as_, uid, openapi):
    expert = as_(app, "expert")
    response = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments",
                          {"type": "technical", "body": "Use *shall*.", "proposed_change": "The State shall act."})
    assert response.status_code == 201
    body = response.get_json()
    validate_schema(openapi, "Comment", body)
    assert body["paragraph_uid"] == uid and body["type"] == "technical" and body["version"] == 1
    assert body["body_html"] == "<p>Use <em>shall</em>.</p>"
    assert body["author"] == {"name": "Ana Expert", "organisation": "Ministry of Interior (test)",
                              "country": "MX", "group": "member_state"}
    assert (body["state"], body["disposition"], body["revision"], body["parent_id"]) == ("open", None, 1, None)
    listed = expert.get("/api/v1/modules/isacs-05-30/comments").get_json()["comments"]
    assert listed[-1] == body


def test_general_comment_and_reply(app, as_, openapi):
    expert, other = as_(app, "expert"), as_(app, "other_expert")
    parent = expert.api("POST", "/api/v1/modules/isacs-05-31/comments", {"type": "general", "body": "Overall."}).get_json()
    assert parent["paragraph_uid"] is None and parent["clause"] == "General"
    reply = other.api("POST", "/api/v1/modules/isacs-05-31/comments", {"body": "Agreed.", "parent_id": parent["id"]})
    assert reply.status_code == 201
    assert reply.get_json()["parent_id"] == parent["id"] and reply.get_json()["type"] == "general"


def test_edit_and_withdraw_through_the_api(app, as_, uid):
    expert = as_(app, "expert")
    created = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments",
                         {"type": "technical", "body": "First.", "proposed_change": "Text."}).get_json()
    edited = expert.api("PATCH", f"/api/v1/comments/{created['id']}", {"body": "Second."}).get_json()
    assert (edited["revision"], edited["body_html"], edited["proposed_change"], edited["type"]) == (
        2, "<p>Second.</p>", "Text.", "technical")
    cleared = expert.api("PATCH", f"/api/v1/comments/{created['id']}", {"proposed_change": None}).get_json()
    assert cleared["proposed_change"] is None and cleared["revision"] == 3
    withdrawn = expert.api("POST", f"/api/v1/comments/{created['id']}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.get_json()["state"] == "withdrawn"
    again = expert.api("PATCH", f"/api/v1/comments/{created['id']}", {"body": "Third."})
    assert again.status_code == 403


@pytest.mark.parametrize(("payload", "status", "field"), [
    ({"type": "technical", "body": ""}, 422, "body"),
    ({"type": "technical", "body": "x" * 10_001}, 422, "body"),
    ({"type": "nonsense", "body": "Hi"}, 422, "type"),
    ({"body": "No type."}, 422, "type"),
    ({"type": "technical", "body": 42}, 422, "body"),
    ({"type": "technical", "body": "Hi", "parent_id": "abc"}, 422, "parent_id"),
    ({"type": "technical", "body": "Hi", "parent_id": 999999}, 422, "parent_id"),
    (["not", "an", "object"], 422, "body"),
])
def test_invalid_input_is_a_json_error_naming_the_field(app, as_, uid, payload, status, field):
    response = as_(app, "expert").api("POST", f"/api/v1/paragraphs/{uid}/comments", payload)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]


def test_unknown_paragraph_comment_and_module_are_404(app, as_):
    expert = as_(app, "expert")
    assert expert.api("POST", "/api/v1/paragraphs/nope-nope/comments", {"type": "general", "body": "x"}).status_code == 404
    assert expert.api("POST", "/api/v1/modules/nope/comments", {"type": "general", "body": "x"}).status_code == 404
    assert expert.api("PATCH", "/api/v1/comments/999999", {"body": "x"}).status_code == 404
    assert expert.api("POST", "/api/v1/comments/999999/withdraw").status_code == 404
    assert expert.get("/api/v1/modules/nope/comments").status_code == 404


def test_closed_consultation_answers_409(app, as_, uid):
    with app.app_context():
        session = get_session()
        drafts.get_module(session, "isacs-05-30").deadline = date(2020, 1, 1)
        session.commit()
    response = as_(app, "expert").api("POST", f"/api/v1/paragraphs/{uid}/comments", {"type": "general", "body": "Late."})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "consultation_closed"


def test_signed_in_write_without_csrf_token_is_400(app, as_, uid):
    expert = as_(app, "expert")
    response = expert.client.post(f"/api/v1/paragraphs/{uid}/comments", json={"type": "general", "body": "x"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf_failed"
    bad = expert.client.post(f"/api/v1/paragraphs/{uid}/comments", json={"type": "general", "body": "x"},
                             headers={"X-CSRFToken": "forged"})
    assert bad.status_code == 400


def test_anonymous_write_is_401_with_or_without_a_token(app, as_, uid):
    visitor = as_(app, None)
    without = visitor.client.post(f"/api/v1/paragraphs/{uid}/comments", json={"type": "general", "body": "x"})
    with_token = visitor.api("POST", f"/api/v1/paragraphs/{uid}/comments", {"type": "general", "body": "x"})
    assert without.status_code == with_token.status_code == 401
    assert without.get_json()["error"]["code"] == "unauthorized"


def test_page_form_without_csrf_token_is_refused(app, as_, uid):
    expert = as_(app, "expert")
    response = expert.client.post(f"/modules/isacs-05-30/paragraphs/{uid}/comments",
                                  data={"type": "general", "body": "No token."})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert expert.get("/api/v1/modules/isacs-05-30/comments").get_json()["comments"] == []


def test_paging_with_after_and_limit(app, as_):
    with app.app_context():
        session = get_session()
        factories.many_comments(session, 12)
        session.commit()
    visitor = as_(app, None)
    seen, after = [], 0
    while True:
        page = visitor.get(f"/api/v1/modules/isacs-05-30/comments?after={after}&limit=5").get_json()
        if not page["comments"]:
            assert page["next_after"] == after
            break
        seen += [c["id"] for c in page["comments"]]
        after = page["next_after"]
        assert after == seen[-1]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 12
    assert visitor.get("/api/v1/modules/isacs-05-30/comments?limit=abc").status_code == 422


def test_hidden_comment_text_reaches_only_moderators_and_its_author(app, as_, uid):
    expert, editor = as_(app, "expert"), as_(app, "editor")
    created = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments",
                         {"type": "general", "body": "Abusive words.", "proposed_change": "Bad."}).get_json()
    assert editor.form(f"/comments/{created['id']}/hide", {"reason": "Abuse."}).status_code == 302
    for who, sees in ((None, False), ("other_expert", False), ("expert", True), ("editor", True)):
        [comment] = as_(app, who).get("/api/v1/modules/isacs-05-30/comments").get_json()["comments"]
        assert comment["state"] == "hidden"
        assert ("Abusive" in comment["body_html"]) is sees, who
        assert (comment["proposed_change"] == "Bad.") is sees, who
