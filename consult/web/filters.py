"""What every template can use: date filters, permission checks, links, the nav's counts."""

from __future__ import annotations

from datetime import date, datetime

from flask import g
from flask_login import current_user

from consult import permissions
from consult.db import get_session
from consult.models import CommentType, StakeholderGroup
from consult.services import accounts, notifications
from consult.services.diffing import word_diff
from consult.services.rendering import render_markdown
from consult.web.links import thread_url


def longdate(value: date | datetime) -> str:
    """26 February 2027 — the form UN documents use."""
    return f"{value.day} {value:%B %Y}"


def shortdatetime(value: datetime) -> str:
    return f"{value.day} {value:%b %Y, %H:%M} UTC"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def unread_notifications() -> int:
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = notifications.unread_count(get_session(), current_user.id)
    return g.unread_notifications


def init_app(app) -> None:
    app.add_template_filter(longdate)
    app.add_template_filter(shortdatetime)
    app.add_template_filter(accounts.country_name, "country_name")
    app.add_template_global(plural)
    app.add_template_global(list(CommentType), "comment_types")
    app.add_template_global(list(StakeholderGroup), "stakeholder_groups")
    app.add_template_global(word_diff)
    app.add_template_global(render_markdown)
    app.add_template_global(thread_url)
    app.add_template_global(unread_notifications)
    for name in ("can_comment", "can_edit_comment", "can_moderate", "can_see_hidden",
                 "can_manage_users", "can_set_deadline", "can_decide", "can_run_live"):
        app.add_template_global(getattr(permissions, name), name)
