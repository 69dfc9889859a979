"""Production settings, security headers, size limits and rate limits."""

from __future__ import annotations

import pytest

from consult import create_app
from consult.config import ConfigError
from consult.db import get_session
from tests import factories


def test_production_refuses_to_start_without_a_secret_key_and_database(monkeypatch, tmp_path):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    for name in ("CONSULT_SECRET_KEY", "CONSULT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CONSULT_ENV", "production")
    with pytest.raises(ConfigError, match="CONSULT_SECRET_KEY and CONSULT_DATABASE_URL"):
        create_app()
    monkeypatch.setenv("CONSULT_SECRET_KEY", "a real secret")
    with pytest.raises(ConfigError, match="CONSULT_DATABASE_URL"):
        create_app()
    monkeypatch.setenv("CONSULT_DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_hides_stack_traces_and_logs_json(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    app = create_app({"ENV": "production", "SECRET_KEY": "s", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})

    @app.get("/explode")
    def explode():
        raise RuntimeError("secret internals")

    page = app.test_client().get("/explode")
    assert page.status_code == 500 and "secret internals" not in page.get_data(as_text=True)
    assert "Nothing you saved has been lost" in page.get_data(as_text=True)
    logged = capsys.readouterr().err
    assert '"path": "/explode"' in logged and '"status": 500' in logged and '"level": "ERROR"' in logged


def test_proxy_fix_trusts_the_configured_number_of_proxies(databases):
    from tests.conftest import app_on

    with app_on(databases, PROXY_HOPS=1) as app:
        @app.get("/whoami")
        def whoami():
            from flask import request
            return f"{request.remote_addr} {request.scheme}"

        answer = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9",
                                                           "X-Forwarded-Proto": "https"})
        assert answer.get_data(as_text=True) == "203.0.113.9 https"


@pytest.mark.parametrize("url", ["/", "/modules/isacs-05-30", "/api/v1/modules", "/login", "/no-such-page"])
def test_every_answer_carries_the_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_no_page_carries_inline_script(client):
    import re

    for url in ("/", "/modules/isacs-05-30", "/login", "/register"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_oversized_requests_get_a_readable_413(app, as_):
    expert = as_(app, "expert")
    uid = "x"
    big = {"type": "general", "body": "x" * (2 * 1024 * 1024)}
    response = expert.api("POST", f"/api/v1/paragraphs/{uid}/comments", big)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    page = expert.form("/register", {"name": "x" * (2 * 1024 * 1024)})
    assert page.status_code == 413 and "larger than this server accepts" in page.get_data(as_text=True)


def test_twenty_wrong_passwords_then_429(app, as_):
    visitor = as_(app, None)
    statuses = [visitor.form("/login", {"email": "expert@example.org", "password": f"wrong {n}"}).status_code
                for n in range(21)]
    assert statuses[:20] == [401] * 20 and statuses[20] == 429
    assert "Too many attempts" in visitor.form("/login", {"email": "expert@example.org", "password": "x"}).get_data(as_text=True)


def test_sign_in_limit_counts_per_email_across_addresses(app, as_):
    attempts = []
    for n in range(21):
        visitor = as_(app, None)
        attempts.append(visitor.client.post("/login", data={"csrf_token": visitor.token, "email": "admin@example.org",
                                                            "password": "wrong"},
                                            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"}).status_code)
    assert attempts[-1] == 429 and attempts.count(401) == 20


def test_comment_posting_is_limited_per_account_not_per_address(app, as_):
    with app.app_context():
        uid = factories.paragraphs(get_session())[2].uid
    expert, other = as_(app, "expert"), as_(app, "other_expert")
    statuses = [expert.api("POST", f"/api/v1/paragraphs/{uid}/comments", {"type": "general", "body": f"n{n}"}).status_code
                for n in range(61)]
    assert statuses[:60] == [201] * 60 and statuses[60] == 429
    assert "nothing was lost" in expert.api("POST", f"/api/v1/paragraphs/{uid}/comments",
                                            {"type": "general", "body": "again"}).get_json()["error"]["message"]
    # another person in the same room (same address) is not held back
    assert other.api("POST", f"/api/v1/paragraphs/{uid}/comments", {"type": "general", "body": "me too"}).status_code == 201
