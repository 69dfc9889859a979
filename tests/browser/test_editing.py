"""An editor triages, decides (once in bulk), builds Draft 2 from a proposed change and publishes it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from consult.db import get_session
from tests import factories
from tests.browser.conftest import sign_in


@pytest.fixture
def consultation(app):
    with app.app_context():
        session = get_session()
        expert, other = factories.user(session, "expert"), factories.user(session, "other_expert")
        paragraphs = factories.paragraphs(session)
        target = paragraphs[40]
        laser = factories.comment(session, expert, target.uid, body="Frames should be laser engraved.",
                                  type="technical", proposed_change=target.text + " Laser engraving shall be used.")
        typos = [factories.comment(session, other, paragraphs[41 + i].uid, body=f"Typo number {i}.", type="editorial")
                 for i in range(2)]
        session.commit()
        return {"uid": target.uid, "laser": laser.id, "typos": [c.id for c in typos]}


def test_editor_decides_builds_and_publishes_draft_two(journey, another_journey, consultation):
    page = sign_in(journey, "editor@example.org")
    page.get_by_role("link", name="Editors").click()
    journey.arrived()
    page.locator(".module-card", has_text="Marking and record-keeping").get_by_role("link", name="All comments").click()
    journey.arrived()

    page.get_by_label("Type").select_option("technical")
    page.get_by_role("button", name="Apply", exact=True).click()
    journey.arrived()
    rows = page.locator("tr[data-row]")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link", name=f"#{consultation['laser']}").click()
    journey.arrived()
    detail = page.get_by_role("complementary", name=f"Comment {consultation['laser']}")
    expect(detail).to_contain_text("Frames should be laser engraved.")
    page.keyboard.press("p")  # accepted in principle, from the keyboard
    expect(detail.get_by_label(re.compile("^Accepted in principle"))).to_be_checked()
    detail.get_by_label(re.compile("^Response to the author")).fill("Laser engraving will be recommended.")
    detail.get_by_role("button", name="Save disposition").click()
    journey.arrived()
    expect(page.get_by_role("status")).to_contain_text("accepted in principle")

    page = journey.goto("/editor/modules/isacs-05-30/comments?state=undecided")
    for typo in consultation["typos"]:
        page.get_by_label(f"Select comment {typo}").check()
    expect(page.locator("[data-selected-count]")).to_have_text("2")
    page.get_by_label("Disposition", exact=True).select_option("noted")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Apply to selected").click()
    journey.arrived()
    expect(page.get_by_role("status")).to_contain_text("2 comments: noted")
    expect(page.locator("tr[data-row]")).to_have_count(0)

    page = journey.goto("/editor/modules/isacs-05-30/revision")
    page.get_by_role("button", name=re.compile("^Open a revision set")).click()
    journey.arrived()
    page = journey.goto(f"/editor/comments/{consultation['laser']}")
    page.get_by_role("link", name="Use this proposed change in the revision set").click()
    journey.arrived()
    editor_box = page.locator(f"#edit-{consultation['uid']}")
    expect(editor_box).to_be_visible()
    expect(editor_box).to_have_value(re.compile("Laser engraving shall be used.$"))
    page.locator(f"#p-{consultation['uid']}").get_by_role("button", name="Save edit").click()
    journey.arrived()
    expect(page.locator(".change-list")).to_contain_text(f"#{consultation['laser']}")

    page.get_by_role("link", name="Preview Draft 2").click()
    journey.arrived()
    expect(page.locator("ins", has_text="Laser engraving shall be used.")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish Draft 2").click()
    journey.arrived()
    expect(page.get_by_role("status")).to_contain_text("Draft 2 of ISACS 05.30 is published")

    expert = another_journey()
    page = sign_in(expert, "expert@example.org")
    page = expert.goto(f"/modules/isacs-05-30/paragraphs/{consultation['uid']}")
    comment = page.locator(f"#c-{consultation['laser']}")
    expect(comment).to_contain_text("on Draft 1")
    expect(comment).to_contain_text("Accepted in principle")
    expect(comment).to_contain_text("Laser engraving will be recommended.")
