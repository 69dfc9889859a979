"""Editors' pages: moderation for now (triage and revision sets build on it)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request
from flask_login import current_user

from consult.db import get_session
from consult.permissions import can_moderate
from consult.services import comments
from consult.web.links import thread_url
from consult.web.security import role_required

blueprint = Blueprint("editor", __name__)


@blueprint.post("/comments/<int:comment_id>/hide")
@role_required(can_moderate)
def hide(comment_id: int):
    """Hide a comment from public view, with a reason its author will read."""
    session = get_session()
    comment = comments.hide(session, current_user, comment_id, request.form.get("reason", ""))
    session.commit()
    flash(f"Comment #{comment.id} is hidden from public view. Its author has been told why.", "success")
    return redirect(thread_url(comment))


@blueprint.post("/comments/<int:comment_id>/unhide")
@role_required(can_moderate)
def unhide(comment_id: int):
    session = get_session()
    comment = comments.unhide(session, current_user, comment_id)
    session.commit()
    flash(f"Comment #{comment.id} is visible again.", "success")
    return redirect(thread_url(comment))
