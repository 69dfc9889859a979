"""Experts' writes from the pages: comment, reply, edit, withdraw; and their own pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session as web_session, url_for
from flask_login import current_user

from consult.db import get_session
from consult.services import comments, drafts, notifications
from consult.services.comments import CommentInput
from consult.permissions import can_edit_comment
from consult.services.errors import Forbidden, InvalidInput
from consult.web.args import number_arg
from consult.web.limits import comment_limit
from consult.web.links import thread_url
from consult.web.reader import render_thread, thread_context
from consult.web.security import login_required

blueprint = Blueprint("comments", __name__)


def _answer_thread(module, paragraph, *, status: int, focus: int | None = None, **extra):
    """The thread again after a post: a panel for the in-place view, or its page (no-JS),
    on the page of threads holding `focus` (the new comment, or the one a failed reply answers)."""
    return render_thread(thread_context(module, paragraph, focus=focus, **extra), status)


def _post(module, paragraph, post):
    session = get_session()
    form = request.form
    data = CommentInput(body=form.get("body", ""), type=form.get("type") or None,
                        proposed_change=form.get("proposed_change") or None,
                        parent_id=int(form["parent_id"]) if form.get("parent_id", "").isdigit() else None,
                        live_session_id=web_session.get("live_session_id"))
    if data.proposed_change and paragraph is not None and data.proposed_change.strip() == paragraph.text.strip():
        data.proposed_change = None  # the prefilled text left as it was proposes nothing
    try:
        comment = post(session, data)
    except InvalidInput as error:
        return _answer_thread(module, paragraph, status=422, focus=data.parent_id, form=form,
                              errors=error.fields, error_parent_id=data.parent_id)
    session.commit()
    if request.values.get("fragment") == "1":
        return _answer_thread(module, paragraph, status=201, focus=comment.id,
                              message=f"Your comment #{comment.id} is posted.")
    flash(f"Your comment #{comment.id} is posted.", "success")
    return redirect(thread_url(comment))


@blueprint.post("/modules/<slug>/paragraphs/<uid>/comments")
@login_required
@comment_limit
def post_on_paragraph(slug: str, uid: str):
    session = get_session()
    module = drafts.get_module(session, slug)
    paragraph = drafts.find_paragraph(session, module, uid, drafts.get_version(session, module))
    return _post(module, paragraph, lambda s, data: comments.post_on_paragraph(s, current_user, uid, data))


@blueprint.post("/modules/<slug>/general/comments")
@login_required
@comment_limit
def post_on_module(slug: str):
    module = drafts.get_module(get_session(), slug)
    return _post(module, None, lambda s, data: comments.post_on_module(s, current_user, slug, data))


@blueprint.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(comment_id: int):
    """Edit one's own open comment; the earlier text stays readable in its history."""
    session = get_session()
    comment = comments.get_comment(session, comment_id)
    form, errors, status = {}, {}, 200
    if request.method == "POST":
        data = CommentInput(body=request.form.get("body", ""), type=request.form.get("type") or None,
                            proposed_change=request.form.get("proposed_change") or None)
        try:
            comments.edit(session, current_user, comment_id, data)
        except InvalidInput as error:
            form, errors, status = request.form, error.fields, 422
        else:
            session.commit()
            flash(f"Comment #{comment.id} is updated; its earlier text is kept in its history.", "success")
            return redirect(thread_url(comment))
    elif not can_edit_comment(current_user, comment):
        raise Forbidden("Only the author may edit a comment, and only while it is open.")
    return render_template("comments/edit.html", comment=comment, form=form, errors=errors,
                           today=comments.today()), status


@blueprint.post("/comments/<int:comment_id>/withdraw")
@login_required
def withdraw(comment_id: int):
    session = get_session()
    comment = comments.withdraw(session, current_user, comment_id)
    session.commit()
    flash(f"Comment #{comment.id} is withdrawn. It stays in the record, marked as withdrawn.", "success")
    return redirect(thread_url(comment))


@blueprint.get("/me/comments")
@login_required
def my_comments():
    """Everything I wrote, with its state."""
    before = number_arg("before")
    page = comments.comments_by(get_session(), current_user, before)
    return render_template("comments/mine.html", page=page, first_page=before is None)


@blueprint.get("/me/notifications")
@login_required
def my_notifications():
    session = get_session()
    return render_template("comments/notifications.html",
                           notifications=notifications.recent(session, current_user.id))


@blueprint.post("/me/notifications/read")
@login_required
def mark_notifications_read():
    session = get_session()
    notifications.mark_all_read(session, current_user.id)
    session.commit()
    return redirect(url_for("comments.my_notifications"))
