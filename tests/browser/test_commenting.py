"""An expert registers and takes part in a thread; a visitor then reads it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from consult.db import get_session
from tests import factories
from tests.browser.conftest import sign_in


@pytest.fixture
def discussed(app):
    """A paragraph on which another expert has already commented."""
    with app.app_context():
        session = get_session()
        target = factories.paragraphs(session)[20]
        factories.comment(session, factories.user(session, "other_expert"), target.uid,
                          body="The scope of this provision is unclear.", type="general")
        session.commit()
        return {"uid": target.uid, "reference": target.reference, "text": target.text}


def test_expert_registers_comments_replies_edits_and_withdraws(journey, another_journey, discussed):
    page = journey.goto("/register")
    page.get_by_label("Full name").fill("Grace Journey")
    page.get_by_label("Email address").fill("grace@example.org")
    page.get_by_label("Password").fill("a journey password")
    page.get_by_role("textbox", name=re.compile("^Organisation")).fill("Ministry of Foreign Affairs (test)")
    page.get_by_label("Country").select_option("GH")
    page.get_by_label("Member State").check()
    page.get_by_role("button", name="Create account").click()
    journey.arrived()
    expect(page.get_by_role("status")).to_contain_text("Your account is ready")
    expect(page.get_by_label("Email address")).to_have_value("grace@example.org")
    page.get_by_label("Password").fill("a journey password")
    page.get_by_role("button", name="Sign in").click()
    journey.arrived()
    expect(page.get_by_role("navigation", name="Site")).to_contain_text("Grace Journey")

    page = journey.goto("/modules/isacs-05-30")
    module_url = page.url
    section = page.locator(f"#p-{discussed['uid']}")
    toggle = section.locator(".thread-toggle")
    expect(toggle).to_contain_text("1 comment")
    toggle.click()
    panel = section.locator("[data-thread-panel]")
    expect(panel).to_contain_text("The scope of this provision is unclear.")
    assert page.url == module_url  # opened in place, no navigation
    expect(toggle).to_have_attribute("aria-expanded", "true")
    journey.arrived()  # the open panel passes the accessibility check too

    form = panel.locator("section.new-comment form")
    form.get_by_label(re.compile("^Technical")).check()
    form.get_by_label("Your comment").fill("Replace *may* with **shall**: this must be binding.")
    proposed = form.get_by_label(re.compile("^Proposed change"))
    expect(proposed).to_have_value(discussed["text"])
    proposed.fill(discussed["text"] + " Records shall be kept in electronic form.")
    form.get_by_role("button", name="Post comment").click()
    expect(panel.get_by_role("status")).to_contain_text("is posted")
    expect(panel.locator("ins").last).to_contain_text("Records shall be kept in electronic form.")
    expect(toggle).to_contain_text("2 comments")
    assert page.url == module_url

    first = panel.locator(".comment").first
    first.locator("summary", has_text="Reply").click()
    first.get_by_label("Your reply").fill("I see it the same way; the scope needs a NOTE.")
    first.get_by_role("button", name="Post reply").click()
    expect(panel.locator(".thread--replies")).to_contain_text("I see it the same way")

    mine = panel.locator(".comment", has_text="Replace may with shall").first
    mine.get_by_role("link", name="Edit").click()
    journey.arrived()
    page.get_by_label("Your comment").fill("Replace *may* with **shall**, so that the provision binds.")
    page.get_by_role("button", name="Save changes").click()
    journey.arrived()
    comment = page.locator(".comment", has_text="so that the provision binds").first
    expect(comment.get_by_role("link", name="edited")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    comment.get_by_role("button", name="Withdraw").click()
    journey.arrived()
    expect(page.locator(".comment", has_text="so that the provision binds").first).to_contain_text("withdrawn by the author")

    visitor = another_journey()
    page = visitor.goto(f"/modules/isacs-05-30/paragraphs/{discussed['uid']}")
    thread = page.get_by_role("list", name=re.compile("^Comments on"))
    expect(thread).to_contain_text("The scope of this provision is unclear.")
    expect(thread).to_contain_text("I see it the same way")
    expect(thread).to_contain_text("withdrawn by the author")
    expect(thread).to_contain_text("Grace Journey")
    expect(page.get_by_role("link", name="Sign in").last).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)


@pytest.fixture
def busy(app):
    """A paragraph with twelve threads, the last with a reply."""
    with app.app_context():
        session = get_session()
        target = factories.paragraphs(session)[21]
        expert = factories.user(session, "other_expert")
        roots = [factories.comment(session, expert, target.uid, body=f"Thread number {n}.") for n in range(1, 13)]
        factories.comment(session, expert, target.uid, body="An answer in the last thread.", parent=roots[-1])
        session.commit()
        return {"uid": target.uid}


def test_a_busy_panel_pages_in_place_and_replies_on_any_page(journey, busy):
    sign_in(journey, "expert@example.org")
    page = journey.goto("/modules/isacs-05-30")
    module_url = page.url
    page.locator(f"#p-{busy['uid']} .thread-toggle").click()
    panel = page.locator(f"#thread-{busy['uid']}")
    expect(panel.locator(".pager__status")).to_have_text("Threads 1–10 of 12")
    expect(panel).not_to_contain_text("Thread number 11.")
    panel.get_by_role("link", name="Later threads").click()
    expect(panel.locator(".pager__status")).to_have_text("Threads 11–12 of 12")
    expect(panel).to_contain_text("An answer in the last thread.")
    assert page.url == module_url
    journey.arrived()  # the second page of the panel passes the accessibility check too
    last = panel.locator(".comment", has_text="Thread number 12.").first
    last.locator("summary", has_text="Reply").first.click()
    last.get_by_label("Your reply").first.fill("Replying on the second page.")
    last.get_by_role("button", name="Post reply").first.click()
    expect(panel.get_by_role("status")).to_contain_text("is posted")
    expect(panel.locator(".pager__status")).to_have_text("Threads 11–12 of 12")  # still on the page of the reply
    expect(panel).to_contain_text("Replying on the second page.")
