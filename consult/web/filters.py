"""Jinja filters for dates and counts."""

from __future__ import annotations

from datetime import date, datetime


def longdate(value: date | datetime) -> str:
    """26 February 2027 — the form UN documents use."""
    return f"{value.day} {value:%B %Y}"


def init_app(app) -> None:
    app.add_template_filter(longdate)
