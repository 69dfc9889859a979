"""Browser journeys: Debian's Chromium driven by Playwright against a real server.

Every page a journey loads must pass axe-core with no serious or critical violation:
use `journey.goto(path)` or, after a click that navigates, `journey.arrived()`. A page
that was loaded but never checked fails the test at teardown.
"""

from __future__ import annotations

from urllib.parse import urldefrag

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"],
    }


class Journey:
    """A page that checks accessibility of everything it loads."""

    axe = Axe()

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        page.on("load", lambda p: self.loaded.append(urldefrag(p.url).url))

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        return self.arrived()

    def arrived(self):
        """Check the page now shown; call after every navigation."""
        self.page.wait_for_load_state("load")
        results = self.axe.run(self.page)
        blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        assert not blocking, f"{self.page.url}:\n" + results.generate_report()
        self.checked.add(urldefrag(self.page.url).url)
        return self.page

    def unchecked(self) -> list[str]:
        return [url for url in self.loaded if url not in self.checked and url != "about:blank"]


@pytest.fixture
def journey(page, live_server):
    journey = Journey(page, live_server)
    yield journey
    assert not journey.unchecked(), f"pages loaded without an accessibility check: {journey.unchecked()}"


@pytest.fixture
def another_journey(browser, live_server):
    """A second person in their own browser context (own cookies), with the same checks."""
    journeys, contexts = [], []

    def start():
        context = browser.new_context()
        contexts.append(context)
        journey = Journey(context.new_page(), live_server)
        journeys.append(journey)
        return journey

    yield start
    for journey in journeys:
        assert not journey.unchecked(), f"pages loaded without an accessibility check: {journey.unchecked()}"
    for context in contexts:
        context.close()


def sign_in(journey: Journey, email: str):
    """Sign in through the form as one of the test PEOPLE."""
    page = journey.goto("/login")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    journey.arrived()
    return page
