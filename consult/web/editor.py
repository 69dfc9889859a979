"""Editors' pages: triage, dispositions, revision sets, reports, moderation and the audit log."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import (Blueprint, Response, abort, flash, redirect, render_template, request,
                   send_file, stream_with_context, url_for)
from flask_login import current_user

from consult.db import get_session
from consult.models import DECISION_LABELS, ChangeKind, Decision, ParagraphKind
from consult.permissions import can_decide, can_moderate, can_read_audit
from consult.services import audit, comments, dispositions, drafts, reports, revisions, triage
from consult.services.dispositions import DispositionInput, StaleDisposition
from consult.services.errors import InvalidInput
from consult.web import fragments, rows
from consult.web.links import thread_url
from consult.web.security import role_required

blueprint = Blueprint("editor", __name__)


# Moderation ---------------------------------------------------------------------------

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


# Triage -------------------------------------------------------------------------------

@blueprint.get("/editor")
@role_required(can_decide)
def dashboard():
    """Every module with how far its triage has come."""
    session = get_session()
    summaries = drafts.list_modules(session)
    progress = {s.module.id: triage.kept_state_counts(session, s.module, triage.TriageFilters(), _kept_counts())
                for s in summaries}
    open_sets = {s.module.id: revisions.current_set(session, s.module) for s in summaries}
    return render_template("editor/dashboard.html", summaries=summaries, progress=progress, open_sets=open_sets)


def _kept_counts():
    """This process's counts per state, kept per module comment stamp and filters."""
    return fragments.cache("triage-counts", 512)


@blueprint.get("/editor/modules/<slug>/comments")
@role_required(can_decide)
def triage_table(slug: str):
    """Every comment of a module in one table: filter, search, sort, select and decide."""
    session = get_session()
    module = drafts.get_module(session, slug)
    filters = triage.TriageFilters.from_args(request.args)
    page = triage.triage(session, module, filters, _kept_counts())
    opened = None
    if request.args.get("open", "").isdigit():
        opened = _detail_context(session, int(request.args["open"]))
    return render_template(
        "editor/triage.html", module=module, filters=filters, page=page, opened=opened,
        choices=triage.filter_choices(session, module), states=triage.STATES, decisions=list(Decision),
        state_labels=triage.STATE_LABELS, sorts=list(triage.SORTS), triage_rows=rows.triage_rows,
    )


def _detail_context(session, comment_id: int, form=None, errors=None, conflict=None) -> dict:
    comment = comments.get_comment(session, comment_id)
    module = comment.module
    return dict(
        comment=comment, module=module, current=drafts.get_version(session, module),
        similar=dispositions.likely_duplicates(session, comment),
        history=dispositions.history(session, comment), decisions=list(Decision),
        decision_labels=DECISION_LABELS, form=form or {}, errors=errors or {}, conflict=conflict,
        open_set=revisions.current_set(session, module),
    )


@blueprint.get("/editor/comments/<int:comment_id>")
@role_required(can_decide)
def comment_detail(comment_id: int):
    """One comment beside its paragraph, similar comments and disposition history."""
    context = _detail_context(get_session(), comment_id)
    template = "editor/_detail.html" if request.args.get("fragment") == "1" else "editor/detail.html"
    return render_template(template, ctx=context, back=request.args.get("back", ""))


@blueprint.post("/editor/comments/<int:comment_id>/disposition")
@role_required(can_decide)
def record_disposition(comment_id: int):
    session = get_session()
    back = request.form.get("back") or url_for("editor.comment_detail", comment_id=comment_id)
    try:
        data = DispositionInput.from_mapping(request.form)
        comment = dispositions.decide(session, current_user, comment_id, data)
    except InvalidInput as error:
        session.rollback()
        return render_template("editor/detail.html", back=back, ctx=_detail_context(
            session, comment_id, form=request.form, errors=error.fields)), 422
    except StaleDisposition as error:
        session.rollback()
        return render_template("editor/detail.html", back=back, ctx=_detail_context(
            session, comment_id, form=request.form, conflict=error.message)), 409
    session.commit()
    flash(f"Comment #{comment.id}: {DECISION_LABELS[Decision(comment.decision)].lower()}.", "success")
    return redirect(_local(back))


@blueprint.post("/editor/modules/<slug>/comments/bulk")
@role_required(can_decide)
def bulk_disposition(slug: str):
    """The same disposition for every selected comment."""
    session = get_session()
    module = drafts.get_module(session, slug)
    ids = [int(i) for i in request.form.getlist("comment_ids") if i.isdigit()]
    back = _local(request.form.get("back") or url_for("editor.triage_table", slug=slug))
    if not ids:
        flash("Select at least one comment first.", "error")
        return redirect(back)
    try:
        data = DispositionInput.from_mapping({**request.form.to_dict(), "revision": 0})
        chosen = [comments.get_comment(session, i) for i in ids]
        if any(c.module_id != module.id for c in chosen):
            abort(400, "Some selected comments belong to another module.")
        decided = dispositions.decide_many(session, current_user, ids, data)
    except InvalidInput as error:
        session.rollback()
        flash("Nothing was saved: " + " ".join(error.fields.values()), "error")
        return redirect(back)
    except StaleDisposition as error:
        session.rollback()
        flash("Nothing was saved: " + error.message, "error")
        return redirect(back)
    session.commit()
    flash(f"{len(decided)} comments: {DECISION_LABELS[Decision(data.decision)].lower()}.", "success")
    return redirect(back)


def _local(target: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else url_for("editor.dashboard")


# Reports ------------------------------------------------------------------------------

@blueprint.get("/editor/modules/<slug>/report.<fmt>")
@role_required(can_decide)
def report(slug: str, fmt: str):
    """The disposition-of-comments report as CSV (streamed), XLSX or DOCX."""
    if fmt not in reports.FORMATS:
        abort(404, "Reports come as csv, xlsx or docx.")
    session = get_session()
    module = drafts.get_module(session, slug)
    mimetype, extension = reports.FORMATS[fmt]
    filename = f"{module.slug}-disposition-of-comments.{extension}"
    if fmt == "csv":
        response = Response(stream_with_context(reports.csv_chunks(session, module)), mimetype=mimetype)
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # Written to a scratch file, opened, and the file removed at once: the open handle keeps the
    # bytes until the response is sent, and nothing is left behind if the client goes away.
    with tempfile.TemporaryDirectory(prefix="consult-report-") as folder:
        path = Path(folder) / filename
        (reports.write_xlsx if fmt == "xlsx" else reports.write_docx)(session, module, path)
        report_file = path.open("rb")
    return send_file(report_file, mimetype=mimetype, as_attachment=True, download_name=filename)


# Revision sets ------------------------------------------------------------------------

@blueprint.get("/editor/modules/<slug>/revision")
@role_required(can_decide)
def revision_set(slug: str):
    """The open revision set as a document with edit controls (or a button to open one)."""
    session = get_session()
    module = drafts.get_module(session, slug)
    current_set = revisions.current_set(session, module)
    if current_set is None:
        return render_template("editor/revision_none.html", module=module,
                               current=drafts.get_version(session, module))
    current_set = revisions.get_set(session, current_set.id)
    draft, deleted = revisions.build_draft(session, current_set)
    counts = comments.counts_by_paragraph(session, module)
    touching = comments.open_comments_by_paragraph(session, module)
    return render_template(
        "editor/revision.html", module=module, revision_set=current_set, draft=draft, deleted=deleted,
        counts=counts, touching=touching, kinds=[k for k in ParagraphKind], editing=request.args.get("edit"),
        from_comment=_prefill(session, request.args.get("from")), ChangeKind=ChangeKind,
        describe=revisions.describe,
    )


def _prefill(session, comment_id: str | None):
    if comment_id and comment_id.isdigit():
        return comments.get_comment(session, int(comment_id))
    return None


@blueprint.post("/editor/modules/<slug>/revision")
@role_required(can_decide)
def open_revision_set(slug: str):
    session = get_session()
    module = drafts.get_module(session, slug)
    revision_set = revisions.open_set(session, current_user, module, request.form.get("title", ""))
    session.commit()
    flash(f"Revision set opened on {revision_set.base_version.label}.", "success")
    return redirect(url_for("editor.revision_set", slug=slug))


@blueprint.post("/editor/revision-sets/<int:set_id>/changes")
@role_required(can_decide)
def add_change(set_id: int):
    """Add an edit, insert, delete or move to an open revision set."""
    session = get_session()
    revision_set = revisions.get_set(session, set_id)
    form = request.form
    kind = form.get("kind", "")
    linked = [i for i in form.getlist("comment_ids") if i.isdigit()]
    uid, after = form.get("uid", ""), form.get("after") or None
    try:
        if kind == "edit":
            revisions.edit_paragraph(session, current_user, revision_set, uid, form.get("text", ""), linked)
        elif kind == "insert":
            level = int(form["level"]) if form.get("level", "").isdigit() else 0
            revisions.insert_paragraph(session, current_user, revision_set, after, form.get("text", ""),
                                       form.get("new_kind", "paragraph"), level, form.get("ordered") != "0", linked)
        elif kind == "delete":
            revisions.delete_paragraph(session, current_user, revision_set, uid, linked)
        elif kind == "move":
            revisions.move_paragraph(session, current_user, revision_set, uid, after, linked)
        else:
            abort(400, "Unknown kind of change.")
    except InvalidInput as error:
        session.rollback()
        flash("The change was not added: " + " ".join(error.fields.values()), "error")
        return redirect(url_for("editor.revision_set", slug=revision_set.module.slug,
                                edit=uid or None) + (f"#p-{uid}" if uid else ""))
    session.commit()
    flash(f"{kind.capitalize()} added to the revision set.", "success")
    anchor = uid or after
    return redirect(url_for("editor.revision_set", slug=revision_set.module.slug) + (f"#p-{anchor}" if anchor else ""))


@blueprint.post("/editor/revision-sets/<int:set_id>/changes/<int:change_id>/remove")
@role_required(can_decide)
def remove_change(set_id: int, change_id: int):
    session = get_session()
    revision_set = revisions.get_set(session, set_id)
    revisions.remove_change(session, current_user, revision_set, change_id)
    session.commit()
    flash("Change removed from the revision set.", "success")
    return redirect(url_for("editor.revision_set", slug=revision_set.module.slug))


@blueprint.get("/editor/revision-sets/<int:set_id>/preview")
@role_required(can_decide)
def preview(set_id: int):
    """The whole next draft with insertions and deletions marked."""
    session = get_session()
    revision_set = revisions.get_set(session, set_id)
    rows = revisions.preview(session, revision_set)
    return render_template("editor/preview.html", revision_set=revision_set, module=revision_set.module,
                           rows=rows, next_number=revision_set.base_version.number + 1,
                           only_changes=request.args.get("changes") == "1")


@blueprint.post("/editor/revision-sets/<int:set_id>/publish")
@role_required(can_decide)
def publish(set_id: int):
    session = get_session()
    revision_set = revisions.get_set(session, set_id)
    try:
        version = revisions.publish(session, current_user, revision_set, request.form.get("summary", ""))
    except InvalidInput as error:
        session.rollback()
        flash("Not published: " + " ".join(error.fields.values()), "error")
        return redirect(url_for("editor.preview", set_id=set_id))
    session.commit()
    flash(f"{version.label} of {revision_set.module.code} is published.", "success")
    return redirect(url_for("reader.module", slug=revision_set.module.slug))


@blueprint.post("/editor/revision-sets/<int:set_id>/abandon")
@role_required(can_decide)
def abandon(set_id: int):
    session = get_session()
    revision_set = revisions.get_set(session, set_id)
    revisions.abandon(session, current_user, revision_set)
    session.commit()
    flash("The revision set was abandoned; nothing was published.", "success")
    return redirect(url_for("editor.revision_set", slug=revision_set.module.slug))


# Audit --------------------------------------------------------------------------------

@blueprint.get("/editor/audit")
@role_required(can_read_audit)
def audit_log():
    """Who did what, newest first, filterable by actor and action."""
    session = get_session()
    actor = request.args.get("actor", "")
    action = request.args.get("action", "")
    page = request.args.get("page", "1")
    page = max(1, int(page)) if page.isdigit() else 1
    events, more = audit.search(session, actor=actor, action=action, page=page)
    return render_template("editor/audit.html", events=events, more=more, page=page, actor=actor,
                           action=action, actions=audit.actions(session))
