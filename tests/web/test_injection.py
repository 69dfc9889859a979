"""Hostile text in every field that reaches HTML stays inert, on every page and in the API."""

from __future__ import annotations

import pytest

from consult.db import get_session
from consult.models import StakeholderGroup, User
from sqlalchemy import select

from consult.models import LiveSession
from consult.services import comments, dispositions, drafts, live, revisions
from consult.services.comments import CommentInput
from tests.conftest import Visitor
from tests import factories
from tests.htmlcheck import live_script
from tests.payloads import XSS_PAYLOADS


@pytest.fixture
def hostile(app):
    """One hostile account per payload (as name and organisation), each commenting with it."""
    with app.app_context():
        session = get_session()
        victim = factories.user(session, "expert")
        editor, facilitator = factories.user(session, "editor"), factories.user(session, "facilitator")
        module = drafts.get_module(session, "isacs-05-30")
        targets = factories.paragraphs(session)[:3]
        ids = []
        for n, payload in enumerate(XSS_PAYLOADS):
            attacker = User(email=f"attacker{n}@example.org", name=payload[:120], organisation=payload[:200],
                            country="FR", stakeholder_group=StakeholderGroup.OTHER, password_hash=victim.password_hash)
            session.add(attacker)
            target = targets[n % 3]
            parent = factories.comment(session, victim, target.uid, body="An honest comment.")
            comment = factories.comment(session, attacker, target.uid, body=payload, proposed_change=payload,
                                        parent=None)
            factories.comment(session, attacker, target.uid, body=payload, parent=parent)  # notifies the victim
            comments.edit(session, attacker, comment.id, CommentInput(body=payload + " (edited)", type="technical",
                                                                         proposed_change=payload))
            general = comments.post_on_module(session, attacker, "isacs-05-30", CommentInput(body=payload, type="general"))
            dispositions.decide(session, editor, comment.id, dispositions.DispositionInput(
                decision="rejected", response=payload, revision=0))
            comments.hide(session, editor, general.id, payload)
            live.create(session, facilitator, module, payload[:200])
            ids.append((comment.id, general.id, attacker.id))
        revision_set = revisions.open_set(session, editor, module)
        for payload, paragraph in zip(XSS_PAYLOADS, factories.paragraphs(session)[10:]):
            revisions.edit_paragraph(session, editor, revision_set, paragraph.uid, payload)
        session.commit()
        preview_url = f"/editor/revision-sets/{revision_set.id}/preview"
        preview = Visitor(app, "editor").get(preview_url).get_data(as_text=True)
        revisions.publish(session, editor, revision_set)
        session.commit()
        codes = [code for code in session.scalars(select(LiveSession.code))]
        return {"targets": [t.uid for t in targets], "ids": ids, "preview": preview, "codes": codes}


def test_there_are_enough_payloads():
    assert len(XSS_PAYLOADS) >= 100 and len(set(XSS_PAYLOADS)) == len(XSS_PAYLOADS)


def _pages(hostile):
    comment_id, _, _ = hostile["ids"][0]
    pages = [("visitor", "/"), ("visitor", "/modules/isacs-05-30"), ("visitor", "/modules/isacs-05-30/general"),
             ("expert", "/me/notifications"), ("admin", "/admin/users"), ("editor", "/modules/isacs-05-30/general")]
    for uid in hostile["targets"]:
        pages += [("visitor", f"/modules/isacs-05-30/paragraphs/{uid}"),
                  ("visitor", f"/modules/isacs-05-30/paragraphs/{uid}?fragment=1"),
                  ("editor", f"/modules/isacs-05-30/paragraphs/{uid}")]
    for comment_id, _, _ in hostile["ids"]:
        pages.append(("visitor", f"/comments/{comment_id}/history"))
        pages.append(("editor", f"/editor/comments/{comment_id}"))
    for code in hostile["codes"][:20]:
        pages += [("visitor", f"/live/{code}"), ("facilitator", f"/live/{code}/control")]
    pages += [("facilitator", "/live"), ("visitor", "/modules/isacs-05-30"), ("visitor", "/modules/isacs-05-30/compare"),
              ("editor", "/editor/modules/isacs-05-30/comments"), ("editor", "/editor/modules/isacs-05-30/comments?state=rejected"),
              ("editor", "/editor/audit"), ("visitor", "/modules/isacs-05-30/drafts")]
    return pages


def test_every_page_with_hostile_content_carries_no_live_script(app, as_, hostile):
    people = {}
    checked = 0
    for who, url in _pages(hostile):
        person = people.setdefault(who, as_(app, None if who == "visitor" else who))
        response = person.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert live_script(html, whole_page="fragment" not in url and "/live/" not in url) == [] or \
            _only_our_qr_code(html, url), url
        checked += 1
    assert live_script(hostile["preview"], whole_page=True) == []
    assert checked > 250


def _only_our_qr_code(html: str, url: str) -> bool:
    """The projector draws its QR code as inline SVG; apart from that one, nothing may be live."""
    import re

    if "/live/" not in url:
        return False
    without_qr = re.sub(r'<svg role="img" aria-label="QR code of the join link".*?</svg>', "", html, count=1, flags=re.S)
    return live_script(without_qr, whole_page=True) == []


def test_each_attacker_sees_their_own_pages_inert(app, as_, hostile):
    from tests.conftest import Visitor, sign_in

    for comment_id, _, attacker_id in hostile["ids"][:12]:
        with app.app_context():
            attacker = get_session().get(User, attacker_id)
            get_session().expunge(attacker)
        visitor = Visitor(app, None)
        sign_in(visitor.client, attacker)
        for url in ("/me/comments", "/account", f"/comments/{comment_id}/edit"):
            html = visitor.get(url).get_data(as_text=True)
            assert live_script(html, whole_page=True) == [], url


def test_api_body_html_is_inert_and_text_fields_come_back_as_plain_strings(app, as_, hostile):
    visitor = as_(app, None)
    after, seen = 0, 0
    while True:
        page = visitor.get(f"/api/v1/modules/isacs-05-30/comments?after={after}&limit=500").get_json()
        if not page["comments"]:
            break
        for comment in page["comments"]:
            assert live_script(comment["body_html"]) == [], comment["id"]
            seen += 1
        after = page["next_after"]
    assert seen == 4 * len(XSS_PAYLOADS)
    poll = visitor.get(f"/api/v1/live/{hostile['codes'][0]}/poll?cursor=0.0").get_json()
    assert all(live_script(c["body_html"]) == [] for c in poll["comments"])
    assert live_script(poll["state"]["spotlight"]["html"] if poll["state"]["spotlight"] else "") == []
    names = {c["author"]["name"] for c in visitor.get("/api/v1/modules/isacs-05-30/comments?limit=500").get_json()["comments"]}
    assert "<script>alert(1)</script>" in names  # data, returned exactly as typed; never rendered as HTML
