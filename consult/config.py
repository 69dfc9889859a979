"""Configuration: defaults, overridden by the CONSULT_* environment, then by a test mapping."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "CONSULT_"
BOOLEAN_SETTINGS = {"SQL_ECHO"}
NUMBER_SETTINGS = {"STREAM_POLL_SECONDS", "STREAM_HEARTBEAT_SECONDS", "STREAM_LIFETIME_SECONDS", "MAX_STREAMS",
                   "PROXY_HOPS"}
BOOLEAN_SETTINGS |= {"RATELIMIT_ENABLED", "JSON_LOGS", "SESSION_COOKIE_SECURE"}
# Settings a production deployment must name itself; a default would be wrong there.
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL")
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


def defaults(instance_path: str) -> dict:
    return {
        "ENV": "development",
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'consult.sqlite3'}",
        "MODULES_DIR": str(PROJECT_ROOT / "modules"),
        "SQL_ECHO": False,
        "WTF_CSRF_TIME_LIMIT": None,  # a token lives as long as the session it belongs to
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # Live event streams: how often they look for news, how often they prove they are alive,
        # how long one connection lasts before the browser reconnects, and how many one process serves.
        "STREAM_POLL_SECONDS": 0.5,
        "STREAM_HEARTBEAT_SECONDS": 10.0,
        "STREAM_LIFETIME_SECONDS": 300.0,
        "MAX_STREAMS": 32,
        # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host (0: none).
        "PROXY_HOPS": 0,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_ENABLED": True,
        "SESSION_COOKIE_SECURE": None,  # None: secure in production (HTTPS), plain in development
    }


def from_environment(environ=None) -> dict:
    """Every CONSULT_NAME variable becomes the NAME setting."""
    environ = os.environ if environ is None else environ
    values = {}
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and len(key) > len(ENV_PREFIX):
            name = key[len(ENV_PREFIX):]
            if name in BOOLEAN_SETTINGS:
                value = value.strip().lower() in {"1", "true", "yes", "on"}
            elif name in NUMBER_SETTINGS:
                try:
                    value = float(value)
                except ValueError:
                    raise ConfigError(f"{key} must be a number, not {value!r}") from None
            values[name] = value
    return values


def load(instance_path: str, overrides: dict | None = None, environ=None) -> dict:
    """The settings for one application, checked."""
    given = from_environment(environ)
    given.update(overrides or {})
    if given.get("ENV") == "production":
        missing = [name for name in REQUIRED_IN_PRODUCTION if not given.get(name)]
        if missing:
            raise ConfigError(
                "CONSULT_ENV=production refuses to start without "
                + " and ".join(ENV_PREFIX + name for name in missing)
            )
    config = defaults(instance_path)
    config.update(given)
    config.setdefault("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    return config
