"""Fixtures: an app per test on its own SQLite file, copied from a database built once."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from consult import create_app, schema
from consult.config import PROJECT_ROOT
from consult.db import get_session
from consult.models import Role, User
from consult.services import accounts, drafts
from consult.services.sources import read_source

MODULES_DIR = PROJECT_ROOT / "modules"
PASSWORD = "correct horse battery"
# The accounts every test database starts with, by the name tests use for them.
PEOPLE = {
    "expert": (Role.EXPERT, "Ana Expert", "Ministry of Interior (test)", "MX", "member_state"),
    "other_expert": (Role.EXPERT, "Olu Otherexpert", "Research Institute (test)", "NG", "academia"),
    "editor": (Role.EDITOR, "Eda Editor", "ISACS team (test)", "CH", "international_organisation"),
    "facilitator": (Role.FACILITATOR, "Fay Facilitator", "ISACS team (test)", "AT", "international_organisation"),
    "admin": (Role.ADMIN, "Adam Admin", "ISACS secretariat (test)", "US", "international_organisation"),
}


def make_app(database, **overrides):
    """An app on `database`: a SQLite file path or any SQLAlchemy URL."""
    url = str(database) if "://" in str(database) else f"sqlite:///{database}"
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": url,
        "MODULES_DIR": str(MODULES_DIR),
        # Streams in tests end quickly by themselves; tests that follow one set what they need.
        "STREAM_LIFETIME_SECONDS": 0.3,
        "STREAM_POLL_SECONDS": 0.05,
        "STREAM_HEARTBEAT_SECONDS": 0.5,  # a stream whose client left notices within half a second
    }
    config.update(overrides)
    return create_app(config)


def dispose(app) -> None:
    app.extensions["consult.db"].kw["bind"].dispose()


class DatabasePool:
    """Databases for tests: two templates built once (migrated; migrated with both drafts and
    the PEOPLE), and a fresh copy of one for each test. SQLite by default; PostgreSQL when
    CONSULT_TEST_POSTGRES_URL names a server where this role may create databases."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.postgres = os.environ.get("CONSULT_TEST_POSTGRES_URL")
        self.prefix = f"consult_test_{os.getpid()}"
        self.copies = 0
        self.templates = {kind: self._build(kind) for kind in ("empty", "modules")}

    def _url(self, name: str) -> str:
        if self.postgres:
            return self.postgres.rsplit("/", 1)[0] + "/" + name
        return f"sqlite:///{self.folder / (name + '.sqlite3')}"

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.postgres, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()

    def _build(self, kind: str) -> str:
        name = f"{self.prefix}_tpl_{kind}"
        if self.postgres:
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self._admin(f"CREATE DATABASE {name}")
        url = self._url(name)
        app = make_app(url)
        schema.upgrade(app)
        if kind == "modules":
            with app.app_context():
                session = get_session()
                for source_file in sorted(MODULES_DIR.glob("*.md")):
                    drafts.publish_new_module(session, read_source(source_file))
                for key, (role, name_, organisation, country, group) in PEOPLE.items():
                    accounts.register(session, f"{key}@example.org", PASSWORD,
                                      accounts.Profile(name_, organisation, country, group), role=role)
                session.commit()
        dispose(app)
        return url

    def clone(self, kind: str = "modules") -> str:
        """A fresh database holding what the template of `kind` holds; its URL."""
        self.copies += 1
        name = f"{self.prefix}_{self.copies}"
        if self.postgres:
            self._admin(f"CREATE DATABASE {name} TEMPLATE {self.prefix}_tpl_{kind}")
            return self._url(name)
        template = Path(self.templates[kind].removeprefix("sqlite:///"))
        copy = self.folder / f"{name}.sqlite3"
        shutil.copyfile(template, copy)
        return f"sqlite:///{copy}"

    def blank(self) -> str:
        """A new database with nothing in it (no schema), for set-up tests."""
        self.copies += 1
        name = f"{self.prefix}_{self.copies}"
        if self.postgres:
            self._admin(f"CREATE DATABASE {name}")
        return self._url(name)

    def drop(self, url: str) -> None:
        if self.postgres:
            # A throwaway database in a throwaway cluster: if a background worker holds it
            # for a moment, try again, and in the end leave it rather than fail a test.
            for attempt in range(3):
                try:
                    self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
                    return
                except Exception:  # noqa: BLE001 - cleanup only
                    time.sleep(0.2 * (attempt + 1))
        else:
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)

    def close(self) -> None:
        if self.postgres:
            for kind in self.templates:
                self._admin(f"DROP DATABASE IF EXISTS {self.prefix}_tpl_{kind} WITH (FORCE)")


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    found = DatabasePool(tmp_path_factory.mktemp("databases"))
    yield found
    found.close()


@contextlib.contextmanager
def app_on(databases, kind: str = "modules", **overrides):
    """An app on a fresh copy of a template database, dropped afterwards."""
    url = databases.clone(kind)
    app = make_app(url, **overrides)
    try:
        yield app
    finally:
        # Finalise any connection left for the garbage collector while its database still
        # exists: once PostgreSQL drops it, a late "reset on return" would fail and log from
        # inside whatever code the collector interrupted.
        gc.collect()
        dispose(app)
        databases.drop(url)


@pytest.fixture
def app(databases):
    """An app whose database holds both ISACS drafts as Draft 1, and the PEOPLE."""
    with app_on(databases) as app:
        yield app


@pytest.fixture
def empty_app(databases):
    """An app with the schema in place and no module."""
    with app_on(databases, "empty") as app:
        yield app


@contextlib.contextmanager
def serving(app):
    """`app` served by a real threaded HTTP server on a free loopback port, in this process."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def live_server(app):
    with serving(app) as url:
        yield url


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    """A database session inside an app context, for service-level tests."""
    with app.app_context():
        yield get_session()


def person(app, key: str) -> User:
    """One of the PEOPLE, loaded fresh."""
    with app.app_context():
        from consult.db import get_session as current_session

        user = accounts.find_by_email(current_session(), f"{key}@example.org")
        current_session().expunge(user)
        return user


def sign_in(client, user: User) -> None:
    """Sign a test client in as `user` without paying for a password hash."""
    with client.session_transaction() as web_session:
        web_session["_user_id"] = user.get_id()
        web_session["_fresh"] = True


def csrf_token(client) -> str:
    """The CSRF token of the client's session, read from a page's meta tag."""
    html = client.get("/").get_data(as_text=True)
    marker = '<meta name="csrf-token" content="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


class Visitor:
    """A test client acting as one person (or nobody), with CSRF handled like a browser."""

    def __init__(self, app, key: str | None):
        self.app, self.key = app, key
        self.client = app.test_client()
        self.user = person(app, key) if key else None
        if self.user:
            sign_in(self.client, self.user)
        self._token = None

    @property
    def token(self) -> str:
        if self._token is None:
            self._token = csrf_token(self.client)
        return self._token

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def form(self, url, data=None, **kwargs):
        """POST a form as a page would, with its csrf_token."""
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)

    def log_in(self, email: str, password: str):
        """Sign in through the form; the session (and so its CSRF token) starts afresh."""
        response = self.form("/login", {"email": email, "password": password})
        self._token = None
        return response

    def api(self, method, url, json=None):
        """A JSON write as the page's scripts send it, with X-CSRFToken."""
        return self.client.open(url, method=method, json=json, headers={"X-CSRFToken": self.token})


@pytest.fixture
def as_():
    """as_(app, "editor") — a Visitor for one of PEOPLE (None for a visitor not signed in)."""
    return Visitor
