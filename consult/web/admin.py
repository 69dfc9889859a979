"""Admins' pages: accounts and roles, consultation deadlines."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from consult.db import get_session
from consult.models import Role
from consult.permissions import can_manage_users, can_set_deadline
from consult.services import accounts, comments, drafts
from consult.services.errors import InvalidInput
from consult.web.args import number_arg
from consult.web.security import role_required

blueprint = Blueprint("admin", __name__, url_prefix="/admin")


@blueprint.get("/users")
@role_required(can_manage_users)
def users():
    query = request.args.get("q", "")
    found = accounts.list_users(get_session(), query, number_arg("page") or 1)
    return render_template("admin/users.html", found=found, roles=list(Role), query=query,
                           country_name=accounts.country_name)


@blueprint.post("/users/<int:user_id>/role")
@role_required(can_manage_users)
def set_role(user_id: int):
    try:
        role = Role(request.form.get("role", ""))
    except ValueError:
        raise InvalidInput({"role": "Choose expert, editor, facilitator or admin."}) from None
    session = get_session()
    user = accounts.set_role(session, current_user, user_id, role)
    session.commit()
    flash(f"{user.name} is now {role.label.lower()}.", "success")
    return redirect(url_for("admin.users"))


@blueprint.get("/modules")
@role_required(can_set_deadline)
def modules():
    session = get_session()
    return render_template("admin/modules.html", summaries=drafts.list_modules(session),
                           today=comments.today(), errors={})


@blueprint.post("/modules/<slug>/deadline")
@role_required(can_set_deadline)
def set_deadline(slug: str):
    """Extend, reopen or close a consultation by moving its deadline."""
    session = get_session()
    module = drafts.get_module(session, slug)
    try:
        deadline = date.fromisoformat(request.form.get("deadline", ""))
    except ValueError:
        return render_template("admin/modules.html", summaries=drafts.list_modules(session),
                               today=comments.today(),
                               errors={slug: "Enter the date as YYYY-MM-DD."}), 422
    drafts.set_deadline(session, current_user, module, deadline)
    session.commit()
    state = "open until" if module.is_open_on(comments.today()) else "closed since"
    flash(f"{module.code} is {state} {deadline:%d %B %Y}.", "success")
    return redirect(url_for("admin.modules"))
