"""Creating and upgrading the schema with Alembic (never create_all)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from consult.config import PROJECT_ROOT
from consult.db import engine_for


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "consult" / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(app) -> tuple[str | None, str]:
    """Bring the app's database to the newest revision; returns (before, after)."""
    engine = engine_for(app)
    config = alembic_config(app.config["DATABASE_URL"])
    with engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    head = ScriptDirectory.from_config(config).get_current_head()
    return before, head


def current_revision(app) -> str | None:
    with engine_for(app).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def refresh_statistics(session) -> None:
    """Let the query planner see the data's present shape (after bulk loads, and now and then).

    SQLite keeps no statistics until told, and without them it cannot tell that a narrow
    covering index beats the table; PostgreSQL's autovacuum also analyses on its own.
    """
    session.execute(text("ANALYZE"))
