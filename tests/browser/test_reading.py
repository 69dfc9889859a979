"""A visitor reads a draft: home page, a module, a clause from the table of contents."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_visitor_follows_a_module_and_jumps_to_a_clause(journey):
    page = journey.goto("/")
    expect(page).to_have_title(re.compile("Draft modules open for consultation"))
    page.get_by_role("link", name="Tracing").click()
    page = journey.arrived()
    expect(page).to_have_url(re.compile(r"/modules/isacs-05-31$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("ISACS 05.31 Tracing")

    toc = page.get_by_role("navigation", name="Clauses")
    toc.get_by_role("link", name=re.compile(r"^9 International tracing requests")).click()
    expect(page).to_have_url(re.compile(r"#p-[a-z0-9_-]+$"))
    target_id = page.url.rsplit("#", 1)[1]
    heading = page.locator(f"#{target_id}")
    expect(heading).to_contain_text("International tracing requests")
    expect(heading).to_be_in_viewport()


def test_paragraph_permalink_lands_on_the_paragraph(journey, client):
    uid = client.get("/api/v1/modules/isacs-05-30").get_json()["paragraphs"][40]["uid"]
    page = journey.goto(f"/modules/isacs-05-30#p-{uid}")
    paragraph = page.locator(f"#p-{uid}")
    expect(paragraph).to_be_in_viewport()
    expect(paragraph.get_by_role("link").first).to_have_attribute("href", f"#p-{uid}")


def test_reading_works_on_a_phone(journey, page):
    page.set_viewport_size({"width": 360, "height": 740})
    journey.goto("/modules/isacs-05-30")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width}px)"
    journey.goto("/modules/isacs-05-30/drafts")
    journey.goto("/")
