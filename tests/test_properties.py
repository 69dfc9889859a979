"""Property-based checks: whatever text arrives, the renderer and the comment API never fail
and never produce live script."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.services.rendering import render_markdown
from tests.conftest import app_on
from tests.htmlcheck import live_script


@pytest.fixture
def unlimited_app(databases):
    """Rate limits off: this test posts many times as one person, on purpose."""
    with app_on(databases, RATELIMIT_ENABLED=False) as app:
        yield app

# Markdown and HTML punctuation, bidi controls, NUL and other control characters, and any Unicode.
SPECIAL = st.sampled_from(list("<>&\"'`[]()!*_#|\\:=/;\n\t\r") + ["\x00", "\u202e", "\u2066", "\u200b", "\ufeff",
                                                                    "javascript:", "<script>", "on", "href=", "src="])
TEXT = st.lists(st.one_of(SPECIAL, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_rendering_any_text_yields_inert_html(source):
    html = render_markdown(source)
    assert live_script(str(html)) == []
    assert "\x00" not in html


def repeated(count: int, character: str) -> str:
    # A named function, not a lambda: Hypothesis parses a lambda's source to describe it, and on
    # CPython 3.11.7 a failed parse there can upset the interpreter's AST bookkeeping for later tests.
    return character * count


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(TEXT, st.builds(repeated, st.integers(9_990, 10_050), st.sampled_from("x<\u202e\x00é"))),
       proposed=st.one_of(st.none(), TEXT),
       kind=st.sampled_from(["general", "technical", "editorial", "", "bogus"]))
def test_the_comment_api_never_fails_on_odd_input(unlimited_app, as_, body, proposed, kind):
    app = unlimited_app
    expert = as_(app, "expert")
    uid = app.config.setdefault("_property_uid", expert.get("/api/v1/modules/isacs-05-30").get_json()["paragraphs"][5]["uid"])
    response = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments",
                          {"type": kind, "body": body, "proposed_change": proposed})
    assert response.status_code in (201, 422), response.status_code
    if response.status_code == 201:
        comment = response.get_json()
        assert live_script(comment["body_html"]) == []
        assert "\x00" not in comment["body_html"]
