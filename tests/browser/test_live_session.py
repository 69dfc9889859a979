"""A side-event: the projector shows a comment made in another browser, and follows the spotlight."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from consult.db import get_session
from consult.services import drafts, live
from tests import factories
from tests.browser.conftest import sign_in
from tests.conftest import app_on


@pytest.fixture
def app(databases):
    """Streams that last, as in production, so the projector keeps one connection."""
    with app_on(databases, STREAM_LIFETIME_SECONDS=60, STREAM_POLL_SECONDS=0.1) as app:
        yield app


@pytest.fixture
def side_event(app):
    with app.app_context():
        session = get_session()
        event = live.create(session, factories.user(session, "facilitator"),
                            drafts.get_module(session, "isacs-05-31"), "Side-event on tracing requests")
        session.commit()
        paragraphs = factories.paragraphs(session, "isacs-05-31")
        return {"code": event.code, "first": paragraphs[0], "second": paragraphs[1]}


def test_projector_shows_new_comments_and_follows_the_spotlight(journey, another_journey, side_event):
    code = side_event["code"]
    sign_in(journey, "facilitator@example.org")
    projector = journey.goto(f"/live/{code}")
    expect(projector.locator("#spotlight")).to_contain_text(side_event["first"].reference)
    expect(projector.locator(".strip__code")).to_have_text(code)

    expert = another_journey()
    sign_in(expert, "expert@example.org")
    page = expert.goto(f"/j/{code}")
    expect(page).to_have_url(re.compile(f"/paragraphs/{side_event['first'].uid}"))
    form = page.locator(f"#add-comment-{side_event['first'].uid} form")
    form.get_by_label(re.compile("^Technical")).check()
    form.get_by_label("Your comment").fill("Requests should name the embargo they concern.")
    form.get_by_role("button", name="Post comment").click()
    expert.arrived()

    arrived = projector.locator(".room-comment", has_text="Requests should name the embargo they concern.")
    expect(arrived).to_be_visible(timeout=5_000)
    expect(arrived).to_contain_text("Ana Expert")
    assert projector.evaluate("performance.getEntriesByType('navigation').length") == 1  # never reloaded

    control = journey.page.context.new_page()
    control_journey = type(journey)(control, journey.base_url)
    control_journey.goto(f"/live/{code}/control")
    control.get_by_role("button", name="Next ▶").click()
    control_journey.arrived()
    expect(projector.locator("#spotlight")).to_contain_text(side_event["second"].reference, timeout=2_000)
    expect(projector.locator(".room-comment", has_text="embargo")).to_have_count(0)
    assert not control_journey.unchecked()
