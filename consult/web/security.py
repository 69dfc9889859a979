"""Request guards: who is signed in, CSRF, and the route decorators that say 401 or 403."""

from __future__ import annotations

from functools import wraps

from flask import abort, request
from flask_login import current_user

from consult.db import get_session
from consult.errors import json_error
from consult.services import accounts
from consult.web.extensions import csrf, login_manager

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@login_manager.user_loader
def _load_user(user_id: str):
    return accounts.load_user(get_session(), user_id)


@login_manager.unauthorized_handler
def _unauthorized():
    if request.path.startswith("/api/"):
        return json_error(401, "Sign in first.")
    from flask import flash, redirect, url_for

    flash("Sign in to continue.", "info")
    return redirect(url_for("account.login", next=request.full_path.rstrip("?")))


def protect_writes() -> None:
    """Before every request: an anonymous API write is 401 (token or not), then CSRF for all writes."""
    if request.method not in WRITE_METHODS:
        return None
    if request.path.startswith("/api/") and not current_user.is_authenticated:
        return json_error(401, "Sign in first.")
    csrf.protect()
    return None


def role_required(predicate):
    """Guard a view: 401 (or the sign-in page) for visitors, 403 when `predicate(user)` says no."""
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403, "Your account is not allowed to do this.")
            return view(*args, **kwargs)
        return guarded
    return decorate


def signed_in(user) -> bool:
    return user.is_authenticated


login_required = role_required(signed_in)
