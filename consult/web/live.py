"""Side-events: facilitators open live sessions, steer the projector, people join by code."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, flash, redirect, render_template, request, session as web_session, url_for
from flask_login import current_user
from markupsafe import Markup

from consult.db import get_session
from consult.models import ParagraphKind
from consult.permissions import can_run_live
from consult.services import drafts, live
from consult.services.errors import InvalidInput
from consult.web.security import login_required, role_required

blueprint = Blueprint("live", __name__)


def join_url(live_session) -> str:
    return url_for("live.join", code=live_session.code, _external=True)


def qr_svg(text: str) -> Markup:
    """The join URL as an SVG QR code, drawn here (no third-party service sees who joins)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration so it can sit inside HTML
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR code of the join link" ', 1))


@blueprint.route("/live", methods=["GET", "POST"])
@role_required(can_run_live)
def sessions():
    """Open a live session, or pick up one already running."""
    session = get_session()
    errors, status = {}, 200
    if request.method == "POST":
        try:
            module = drafts.get_module(session, request.form.get("module", ""))
            live_session = live.create(session, current_user, module, request.form.get("title", ""))
        except InvalidInput as error:
            session.rollback()
            errors, status = error.fields, 422
        else:
            session.commit()
            flash(f"Live session {live_session.code} is open. Put the projector view on the big screen.", "success")
            return redirect(url_for("live.control", code=live_session.code))
    return render_template("live/sessions.html", sessions=live.list_for(session, current_user),
                           modules=drafts.list_modules(session), errors=errors, form=request.form), status


@blueprint.get("/live/<code>/control")
@role_required(can_run_live)
def control(code: str):
    """The facilitator's remote: spotlight, step, pause, anonymity, hide from the room, end."""
    session = get_session()
    live_session = live.get(session, code)
    paragraphs = [p for p in drafts.paragraphs_of(session, drafts.get_version(session, live_session.module))
                  if p.kind is not ParagraphKind.HEADING]
    return render_template(
        "live/control.html", live=live_session, state=live.state(session, live_session), paragraphs=paragraphs,
        recent=live.room_comments_for_control(session, live_session), hidden=live.hidden_ids(session, live_session.id),
        join_url=join_url(live_session), newest=live.cursor_now(session, live_session).split(".")[0],
    )


@blueprint.post("/live/<code>/control")
@role_required(can_run_live)
def act(code: str):
    """One control action; answers with the control page again (or 204 for the page's script)."""
    session = get_session()
    live_session = live.get(session, code)
    action = request.form.get("action", "")
    if action == "spotlight":
        live.spotlight(session, current_user, live_session, uid=request.form.get("uid"))
    elif action in ("next", "previous"):
        live.spotlight(session, current_user, live_session, step=1 if action == "next" else -1)
    elif action in ("pause", "resume"):
        live.set_paused(session, current_user, live_session, action == "pause")
    elif action in ("anonymous", "named"):
        live.set_anonymous(session, current_user, live_session, action == "anonymous")
    elif action in ("hide", "show"):
        comment_id = request.form.get("comment_id", "")
        if not comment_id.isdigit():
            raise InvalidInput({"comment_id": "Say which comment."})
        live.hide_from_room(session, current_user, live_session, int(comment_id), hidden=action == "hide")
    elif action == "end":
        live.end(session, current_user, live_session)
    else:
        raise InvalidInput({"action": "Unknown action."})
    session.commit()
    if request.headers.get("X-Requested-With") == "fetch":
        return "", 204
    return redirect(url_for("live.control", code=code))


@blueprint.get("/live/<code>")
def projector(code: str):
    """The projector view: large, high contrast, updating by itself."""
    session = get_session()
    live_session = live.get(session, code)
    return render_template(
        "live/projector.html", live=live_session, state=live.state(session, live_session),
        spotlight_threads=live.spotlight_threads(session, live_session), ticker=live.ticker(session, live_session),
        counts=live.counts(session, live_session), join_url=join_url(live_session), qr=qr_svg(join_url(live_session)),
        cursor=live.cursor_now(session, live_session),
    )


@blueprint.route("/j/<code>")
@login_required
def join(code: str):
    """Join a side-event: remember it (comments get tagged) and open the spotlighted paragraph."""
    session = get_session()
    live_session = live.get(session, code)
    if not live_session.active:
        flash("That live session has ended; you can still comment on the module.", "info")
        return redirect(url_for("reader.module", slug=live_session.module.slug))
    web_session["live_session_id"] = live_session.id
    state = live.state(session, live_session)
    if state["spotlight"]:
        return redirect(url_for("reader.paragraph_thread", slug=live_session.module.slug,
                                uid=state["spotlight"]["uid"]) + f"#add-comment-{state['spotlight']['uid']}")
    return redirect(url_for("reader.general_thread", slug=live_session.module.slug) + "#add-comment-general")


@blueprint.post("/join")
def join_by_code():
    """The join-code box: type the code shown on the screen."""
    code = (request.form.get("code") or "").strip().upper()
    return redirect(url_for("live.join", code=code or "-"))
