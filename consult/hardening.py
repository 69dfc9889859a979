"""What a public deployment needs around every request: security headers, proxy awareness,
cookie settings, oversized requests answered politely, and structured request logs."""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import g, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",                     # no inline script anywhere
    "style-src 'self' 'unsafe-inline'",      # table alignment and chart widths are style attributes
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# An oversized body is read and thrown away up to this much, so the client gets its 413
# instead of a reset connection; beyond it the connection is closed.
DRAIN_LIMIT = 64 * 1024 * 1024


def init_app(app) -> None:
    production = app.config["ENV"] == "production"
    if app.config.get("SESSION_COOKIE_SECURE") is None:  # not set: secure cookies in production
        app.config["SESSION_COOKIE_SECURE"] = production
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax")
    hops = int(app.config.get("PROXY_HOPS", 0) or 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)

    @app.after_request
    def _security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    if production or app.config.get("JSON_LOGS"):
        _structured_logs(app)


def drain_oversized_body() -> None:
    """Read and discard a request body we refused, so the client can read our answer."""
    stream = request.environ.get("wsgi.input")
    remaining = min(request.content_length or 0, DRAIN_LIMIT)
    if stream is None:
        return
    try:
        while remaining > 0:
            chunk = stream.read(min(65536, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
    except (OSError, ValueError):
        pass


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _structured_logs(app) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
    requests_log = logging.getLogger("consult.requests")
    requests_log.handlers[:] = [handler]
    requests_log.setLevel(logging.INFO)
    requests_log.propagate = False

    @app.before_request
    def _start_timer():
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        started = g.get("request_started")
        requests_log.info("request", extra={"fields": {
            "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "user": current_user.get_id() if current_user and current_user.is_authenticated else None,
            "remote": request.remote_addr,
        }})
        return response
