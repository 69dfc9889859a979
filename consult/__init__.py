"""Consult: consulting experts on draft standards, paragraph by paragraph."""

from __future__ import annotations

import os

from flask import Flask

from consult import config as config_module
from consult import db
from consult.config import PROJECT_ROOT


def create_app(test_config: dict | None = None) -> Flask:
    """Build an application; `test_config` overrides the environment."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("CONSULT_INSTANCE_PATH", str(PROJECT_ROOT / "instance")),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(config_module.load(app.instance_path, test_config))
    # CSRF is checked by security.protect_writes, after the API's sign-in check.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)

    from consult import cli, errors, hardening
    from consult.web import account, admin, api, comments, editor, filters, live, reader, security
    from consult.web.extensions import csrf, login_manager

    from consult.web.limits import limiter

    hardening.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    app.before_request(security.protect_writes)
    errors.init_app(app)
    filters.init_app(app)
    for blueprint in (reader.blueprint, account.blueprint, comments.blueprint,
                      editor.blueprint, admin.blueprint, live.blueprint):
        app.register_blueprint(blueprint)
    app.register_blueprint(api.blueprint, url_prefix="/api/v1")
    cli.init_app(app)

    @app.get("/healthz")
    def healthz():
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}

    return app
