"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from consult import models  # noqa: F401  (registers every table)
from consult.db import Base, engine_for
from consult.migrations import include_name
from tests.conftest import app_on


def test_migrated_schema_matches_the_models(databases):
    with app_on(databases, "empty") as app:  # the template is built by running every migration
        with engine_for(app).connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": include_name, "compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
