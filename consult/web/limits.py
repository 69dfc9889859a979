"""Rate limits (Flask-Limiter): sign-in, registration and comment posting.

Limits are kept in the storage CONSULT_RATELIMIT_STORAGE_URI names: memory by default (per
process), or e.g. redis://… so that several processes share one count.
"""

from __future__ import annotations

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)

# Comment posting is counted per account, not per address: a side-event room shares one address.
COMMENT_LIMIT = "60 per minute"
# Wrong passwords are counted per address and per email; 20 in a row lead to 429.
SIGN_IN_LIMIT = "20 per 15 minutes"
REGISTRATION_LIMIT = "10 per hour"


def account_key() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else f"ip:{get_remote_address()}"


def sign_in_email_key() -> str:
    return "email:" + (request.form.get("email") or "").strip().lower()


def only_failed_sign_ins(response) -> bool:
    """Count a sign-in attempt only when it failed (a success does not use up the allowance)."""
    return response.status_code == 401


comment_limit = limiter.limit(COMMENT_LIMIT, key_func=account_key, methods=["POST"])
