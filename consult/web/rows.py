"""Rows of the editors' triage table, rendered once per distinct content and reused.

A row shows only what its query read (consult.services.triage._ROW), the link that opens it
and whether it is the open one; the key is all of that, so a changed comment makes a new key
and never meets its old row. An editor paging back and forth, or a table refreshed after a
decision, renders only the rows that changed.
"""

from __future__ import annotations

from flask import get_template_attribute
from markupsafe import Markup

from consult.services import triage
from consult.web import fragments

ROW_CACHE_SIZE = 4_000


def triage_rows(rows, open_url: str, open_id: int | None) -> list[Markup]:
    cache = fragments.cache("triage-rows", ROW_CACHE_SIZE)
    render = None
    html = []
    for row in rows:
        key = (tuple(row), open_url, row.id == open_id)
        found = cache.lookup(key)
        if found is None:
            render = render or get_template_attribute("editor/_triage_row.html", "triage_row")
            found = Markup(render(row, open_url, row.id == open_id, triage.STATE_LABELS))
            cache.store(key, found)
        html.append(found)
    return html
