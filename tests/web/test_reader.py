"""The reading pages: home, a draft, its versions."""

from __future__ import annotations

import re

import pytest

from consult.db import get_session
from tests import factories
from tests.htmlcheck import live_script



def test_home_lists_both_modules_with_status_and_deadline(client):
    html = client.get("/").get_data(as_text=True)
    assert "ISACS 05.30" in html and "Marking and record-keeping" in html
    assert "ISACS 05.31" in html and "Tracing" in html
    assert "26 February 2027" in html and "31 March 2027" in html
    assert "Draft 1" in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)


def test_module_page_gives_every_paragraph_an_anchor_reference_and_permalink(client):
    api = client.get("/api/v1/modules/isacs-05-30").get_json()
    html = client.get("/modules/isacs-05-30").get_data(as_text=True)
    for paragraph in api["paragraphs"]:
        assert f'id="p-{paragraph["uid"]}"' in html
        assert f'href="#p-{paragraph["uid"]}"' in html
    assert 'class="toc' in html
    assert "&lt;p&gt;" not in html, "paragraph HTML is shown escaped"
    assert "<strong>" in html or "<table>" in html
    assert re.search(r">\s*\d+(?:\.\d+)* \([a-c]\)\s*<", html), "no lettered list reference"


def test_module_page_for_an_earlier_or_unknown_version(client):
    assert client.get("/modules/isacs-05-30/drafts/1").status_code == 200
    missing = client.get("/modules/isacs-05-30/drafts/9")
    assert missing.status_code == 404
    assert "has no Draft 9" in missing.get_data(as_text=True)


def test_versions_page_lists_draft_one(client):
    html = client.get("/modules/isacs-05-31/drafts").get_data(as_text=True)
    assert "Draft 1" in html and "current" in html


@pytest.mark.parametrize("url", ["/modules/nope", "/modules/nope/drafts", "/no-such-page"])
def test_unknown_pages_get_a_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Back to the modules" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/", "/modules/isacs-05-30", "/modules/isacs-05-31/drafts"])
def test_pages_carry_no_live_script_from_content(client, url):
    html = client.get(url).get_data(as_text=True)
    assert live_script(html, whole_page=True) == []


def test_the_script_detector_catches_what_it_should():
    assert live_script('<a href=" JaVaScript:alert(1)">x</a>') == ["<a href=' JaVaScript:alert(1)'>"]
    assert live_script('<p onclick="x()">') == ["<p onclick=…>"]
    assert live_script("<script>alert(1)</script>") == ["<script>"]
    assert live_script("<p>&lt;script&gt;</p>") == []
    assert live_script('<script src="/static/x.js"></script>', whole_page=True) == []
    assert live_script("<script>alert(1)</script>", whole_page=True) == ["<script>"]
    assert live_script('<form action="javascript:alert(1)">', whole_page=True) == ["<form>", "<form action='javascript:alert(1)'>"]


def test_versions_page_links_to_the_comparison_once_there_are_two_drafts(app, as_):
    from consult.services import revisions
    from tests import factories
    from consult.db import get_session
    from consult.services import drafts

    assert "Compare drafts" not in as_(app, None).get("/modules/isacs-05-30/drafts").get_data(as_text=True)
    with app.app_context():
        session = get_session()
        editor = factories.user(session, "editor")
        rs = revisions.open_set(session, editor, drafts.get_module(session, "isacs-05-30"))
        revisions.edit_paragraph(session, editor, rs, factories.paragraphs(session)[0].uid, "New opening.")
        revisions.publish(session, editor, rs)
        session.commit()
    html = as_(app, None).get("/modules/isacs-05-30/drafts").get_data(as_text=True)
    assert 'href="/modules/isacs-05-30/compare"' in html


def _toggle_label(html: str, uid: str) -> str:
    section = html[html.index(f'<section id="p-{uid}"'):]
    return re.search(r'class="thread-toggle__label">([^<]*)<', section).group(1)


def test_the_draft_is_rendered_once_but_its_counts_are_always_current(app, as_):
    """The module page's text comes from a per-draft cache; the counts in it and in the
    table of contents are filled in per request, per filter."""
    with app.app_context():
        session = get_session()
        target = factories.paragraphs(session)[5]
        uid, clause = target.uid, target.clause
        expert = factories.user(session, "expert")
        factories.comment(session, expert, uid, type="technical")
        session.commit()
    reader = as_(app, None)
    assert _toggle_label(reader.get("/modules/isacs-05-30").get_data(as_text=True), uid) == "1 comment"
    editorial = reader.get("/modules/isacs-05-30?type=editorial").get_data(as_text=True)
    assert _toggle_label(editorial, uid) == "Comment"
    assert f"/modules/isacs-05-30/paragraphs/{uid}?type=editorial" in editorial  # its links keep the filter
    with app.app_context():
        session = get_session()
        factories.comment(session, factories.user(session, "other_expert"), uid, type="editorial")
        session.commit()
    html = reader.get("/modules/isacs-05-30").get_data(as_text=True)
    assert _toggle_label(html, uid) == "2 comments" and 'thread-toggle thread-toggle--has" data-count="2"' in html
    assert "?type=editorial" not in html  # the filtered rendering did not leak into the plain one
    toc_link = re.search(rf'<a href="#p-[^"]+">{re.escape(clause)}\b[^<]*<span class="count" aria-label="(\d+) comments?">',
                         html)
    assert toc_link and int(toc_link.group(1)) >= 2
    assert _toggle_label(reader.get("/modules/isacs-05-30?type=editorial").get_data(as_text=True), uid) == "1 comment"
    assert "\x00" not in html
