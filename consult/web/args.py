"""Reading the query arguments that pages share."""

from __future__ import annotations

from flask import request


def number_arg(name: str) -> int | None:
    """A whole-number query argument, or None when it is missing or not a number."""
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None
