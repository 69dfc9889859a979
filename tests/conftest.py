"""Fixtures: an app per test on its own SQLite file, copied from a database built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consult import create_app, schema
from consult.config import PROJECT_ROOT
from consult.db import get_session
from consult.services import drafts
from consult.services.sources import read_source

MODULES_DIR = PROJECT_ROOT / "modules"


def make_app(database: Path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": f"sqlite:///{database}",
        "MODULES_DIR": str(MODULES_DIR),
    }
    config.update(overrides)
    return create_app(config)


def _build_template(path: Path, with_modules: bool) -> Path:
    app = make_app(path)
    schema.upgrade(app)
    if with_modules:
        with app.app_context():
            session = get_session()
            for source_file in sorted(MODULES_DIR.glob("*.md")):
                drafts.publish_new_module(session, read_source(source_file))
            session.commit()
    app.extensions["consult.db"].kw["bind"].dispose()
    return path


@pytest.fixture(scope="session")
def template_databases(tmp_path_factory):
    """Two migrated databases, built once: one empty, one with both drafts published."""
    folder = tmp_path_factory.mktemp("templates")
    return {
        "empty": _build_template(folder / "empty.sqlite3", with_modules=False),
        "modules": _build_template(folder / "modules.sqlite3", with_modules=True),
    }


def _app_from(template: Path, tmp_path: Path, **overrides):
    database = tmp_path / "consult.sqlite3"
    shutil.copyfile(template, database)
    app = make_app(database, **overrides)
    yield app
    app.extensions["consult.db"].kw["bind"].dispose()


@pytest.fixture
def app(template_databases, tmp_path):
    """An app whose database holds both ISACS drafts as Draft 1."""
    yield from _app_from(template_databases["modules"], tmp_path)


@pytest.fixture
def empty_app(template_databases, tmp_path):
    """An app with the schema in place and no module."""
    yield from _app_from(template_databases["empty"], tmp_path)


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
