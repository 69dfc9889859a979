"""Reading and writing comments."""

from __future__ import annotations

from flask import jsonify, request, session as web_session
from flask_login import current_user

from consult.db import get_session
from consult.models import Comment, CommentState
from consult.permissions import can_see_hidden
from consult.permissions import can_decide
from consult.services import comments, dispositions
from consult.services.comments import CommentInput
from consult.services.dispositions import DispositionInput
from consult.services.errors import InvalidInput
from consult.web.api import blueprint
from consult.web.limits import comment_limit
from consult.web.security import login_required, role_required


def comment_json(row, viewer=None) -> dict:
    """The API's comment object from a feed row (`comments.feed`); a hidden comment's text
    only reaches moderators and its author."""
    visible = row.state is not CommentState.HIDDEN or (viewer is not None and can_see_hidden(viewer, row))
    return {
        "id": row.id,
        "paragraph_uid": row.paragraph_uid,
        "clause": row.clause if row.paragraph_uid else "General",
        "parent_id": row.parent_id,
        "author": {"name": row.author_name, "organisation": row.author_organisation,
                   "country": row.author_country, "group": row.author_group.value},
        "type": row.type.value,
        "body_html": row.body_html if visible else "",
        "proposed_change": row.proposed_change if visible else None,
        "created_at": row.created_at.isoformat(),
        "version": row.version,
        "state": row.state.value,
        "disposition": None if row.decision is None else {
            "decision": row.decision.value, "response": row.response,
            "duplicate_of": row.duplicate_of_id, "revision": row.disposition_revision},
        "revision": row.revision,
    }


def _written(comment: Comment) -> dict:
    """The answer to a write: the comment as the feed now shows it, to its author or moderator."""
    return comment_json(comments.feed_row(get_session(), comment.id), current_user)


def _json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput({"body": "Send a JSON object, e.g. {\"type\": \"technical\", \"body\": \"…\"}."})
    return data


def _int_arg(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        raise InvalidInput({name: "must be a whole number of 0 or more"})
    return int(raw)


def _new_comment() -> CommentInput:
    data = CommentInput.from_mapping(_json_body())
    data.live_session_id = web_session.get("live_session_id")  # the side-event its author joined, if any
    return data


@blueprint.get("/modules/<slug>/comments")
def list_comments(slug: str):
    after = _int_arg("after", 0)
    limit = _int_arg("limit", comments.API_PAGE_DEFAULT)
    page = comments.comments_after(get_session(), slug, after, limit)
    # Who asks matters only for a hidden comment's text, so most pages never load the user.
    hidden = any(row.state is CommentState.HIDDEN for row in page)
    viewer = current_user if hidden and current_user.is_authenticated else None
    return jsonify({
        "comments": [comment_json(row, viewer) for row in page],
        "next_after": page[-1].id if page else after,
    })


@blueprint.post("/paragraphs/<uid>/comments")
@login_required
@comment_limit
def post_paragraph_comment(uid: str):
    session = get_session()
    comment = comments.post_on_paragraph(session, current_user, uid, _new_comment())
    session.commit()
    return jsonify(_written(comment)), 201


@blueprint.post("/modules/<slug>/comments")
@login_required
@comment_limit
def post_module_comment(slug: str):
    session = get_session()
    comment = comments.post_on_module(session, current_user, slug, _new_comment())
    session.commit()
    return jsonify(_written(comment)), 201


@blueprint.patch("/comments/<int:comment_id>")
@login_required
def edit_comment(comment_id: int):
    session = get_session()
    data = _json_body()
    current = comments.get_comment(session, comment_id)
    # Fields left out keep their value; "proposed_change": null removes the proposal.
    merged = {"type": current.type.value, "body": current.body, "proposed_change": current.proposed_change}
    merged.update({k: data[k] for k in ("type", "body", "proposed_change") if k in data})
    comment = comments.edit(session, current_user, comment_id, CommentInput.from_mapping(merged))
    session.commit()
    return jsonify(_written(comment))


@blueprint.post("/comments/<int:comment_id>/withdraw")
@login_required
def withdraw_comment(comment_id: int):
    session = get_session()
    comment = comments.withdraw(session, current_user, comment_id)
    session.commit()
    return jsonify(_written(comment))


@blueprint.put("/comments/<int:comment_id>/disposition")
@role_required(can_decide)
def record_disposition(comment_id: int):
    """Editors: record a decision, giving the disposition revision seen; stale is 409."""
    session = get_session()
    data = DispositionInput.from_mapping(_json_body())
    comment = dispositions.decide(session, current_user, comment_id, data)
    session.commit()
    return jsonify(_written(comment))
