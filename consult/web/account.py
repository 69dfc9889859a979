"""Registering, signing in and out, and one's own profile."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session as web_session, url_for
from flask_login import current_user, login_user, logout_user

from consult.db import get_session
from consult.models import STAKEHOLDER_GROUP_LABELS
from consult.services import accounts
from consult.services.errors import InvalidInput
from consult.web.limits import REGISTRATION_LIMIT, SIGN_IN_LIMIT, limiter, only_failed_sign_ins, sign_in_email_key
from consult.web.security import login_required

blueprint = Blueprint("account", __name__)


def _form_context(**extra):
    groups = [(group.value, label) for group, label in STAKEHOLDER_GROUP_LABELS.items()]
    return dict(countries=accounts.country_choices(), group_choices=groups, **extra)


def _profile_from(form) -> accounts.Profile:
    return accounts.Profile(
        name=form.get("name", ""), organisation=form.get("organisation", ""),
        country=form.get("country", ""), group=form.get("group", ""),
    )


def _safe_next(target: str | None) -> str:
    """Only a path on this site; anything else goes to the home page."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("reader.home")


@blueprint.route("/register", methods=["GET", "POST"])
@limiter.limit(REGISTRATION_LIMIT, methods=["POST"])
def register():
    """Create an expert account."""
    if request.method == "GET":
        return render_template("account/register.html", form={}, errors={}, **_form_context())
    form = request.form
    try:
        accounts.register(get_session(), form.get("email", ""), form.get("password", ""), _profile_from(form))
    except InvalidInput as error:
        return render_template("account/register.html", form=form, errors=error.fields, **_form_context()), 422
    get_session().commit()
    # The same answer whether or not the address already had an account.
    flash("Your account is ready. Sign in with your email and password.", "success")
    return redirect(url_for("account.login", email=form.get("email", "").strip(), next=form.get("next") or None))


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"], deduct_when=only_failed_sign_ins)
@limiter.limit(SIGN_IN_LIMIT, methods=["POST"], key_func=sign_in_email_key, deduct_when=only_failed_sign_ins)
def login():
    """Sign in with email and password."""
    if request.method == "GET":
        return render_template("account/login.html", email=request.args.get("email", ""),
                               next=request.args.get("next", ""), error=None)
    session = get_session()
    email, password = request.form.get("email", ""), request.form.get("password", "")
    user = accounts.authenticate(session, email, password)
    if user is None:
        return render_template(
            "account/login.html", email=email, next=request.form.get("next", ""),
            error="That email and password do not match an account. Check both and try again.",
        ), 401
    session.commit()
    web_session.clear()  # a fresh session on sign-in, against session fixation
    login_user(user)
    flash(f"Signed in as {user.name}.", "success")
    return redirect(_safe_next(request.form.get("next")))


@blueprint.post("/logout")
def logout():
    logout_user()
    web_session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("reader.home"))


@blueprint.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    """Edit one's name, organisation, country and group."""
    form, errors, status = {}, {}, 200
    if request.method == "POST":
        try:
            accounts.update_profile(get_session(), current_user, _profile_from(request.form))
        except InvalidInput as error:
            form, errors, status = request.form, error.fields, 422
        else:
            get_session().commit()
            flash("Your details are saved.", "success")
            return redirect(url_for("account.profile"))
    return render_template("account/profile.html", form=form, errors=errors, password_errors={},
                           **_form_context()), status


@blueprint.post("/account/password")
@login_required
def change_password():
    """A new password; every other session of the account is signed out."""
    session = get_session()
    try:
        accounts.change_password(session, current_user, request.form.get("current_password", ""),
                                 request.form.get("new_password", ""))
    except InvalidInput as error:
        return render_template("account/profile.html", form={}, errors={}, password_errors=error.fields,
                               **_form_context()), 422
    session.commit()
    login_user(current_user)  # this session carries the new generation and stays signed in
    flash("Your password is changed. Other devices have been signed out.", "success")
    return redirect(url_for("account.profile"))
