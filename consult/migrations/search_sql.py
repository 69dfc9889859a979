"""SQL for comment search, shared by the migrations that create it and that must restore it.

SQLite loses a table's triggers when Alembic's batch mode rebuilds the table, so every
migration that rebuilds `comment` calls `restore_sqlite_triggers` afterwards (and the one in
stamp_sql, once that migration has run).
"""

SQLITE_TABLE = """CREATE VIRTUAL TABLE comment_search USING fts5(
    body, proposed_change, content='comment', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"""

SQLITE_TRIGGERS = {
    "comment_search_insert": """CREATE TRIGGER comment_search_insert AFTER INSERT ON comment BEGIN
        INSERT INTO comment_search(rowid, body, proposed_change) VALUES (new.id, new.body, new.proposed_change);
    END""",
    "comment_search_delete": """CREATE TRIGGER comment_search_delete AFTER DELETE ON comment BEGIN
        INSERT INTO comment_search(comment_search, rowid, body, proposed_change)
        VALUES ('delete', old.id, old.body, old.proposed_change);
    END""",
    "comment_search_update": """CREATE TRIGGER comment_search_update AFTER UPDATE OF body, proposed_change ON comment BEGIN
        INSERT INTO comment_search(comment_search, rowid, body, proposed_change)
        VALUES ('delete', old.id, old.body, old.proposed_change);
        INSERT INTO comment_search(rowid, body, proposed_change) VALUES (new.id, new.body, new.proposed_change);
    END""",
}

SQLITE_REBUILD = "INSERT INTO comment_search(comment_search) VALUES ('rebuild')"

POSTGRES_INDEX = """CREATE INDEX ix_comment_search ON comment USING gin (
    to_tsvector('simple', coalesce(body, '') || ' ' || coalesce(proposed_change, '')))"""


def restore_sqlite_triggers(op) -> None:
    for name, statement in SQLITE_TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)
    op.execute(SQLITE_REBUILD)
