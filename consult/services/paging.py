"""Page arithmetic shared by every paged list (threads, triage, accounts)."""

from __future__ import annotations


def page_count(items: int, per_page: int) -> int:
    """How many pages `items` fill; an empty list still has its one (empty) page."""
    return max(1, -(-items // per_page))


def clamp(page: int, pages: int) -> int:
    """A requested page brought within 1..pages (a stale link past the end shows the last page)."""
    return min(max(page, 1), pages)
