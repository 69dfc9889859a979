"""SQL for the modules' comment stamp (`Module.comment_stamp`), kept by triggers on `comment`.

Triggers, not the application, keep it: then no write can forget it -- bulk loads, the
disposition compare-and-set, another process, a maintenance script. SQLite loses a table's
triggers when Alembic's batch mode rebuilds the table, so a migration that rebuilds `comment`
calls `restore_sqlite_triggers` from here as well as from search_sql.

In PostgreSQL the bump waits for the commit (a deferred constraint trigger) and happens once per
transaction and module: a transaction takes the module row's lock only after every comment row
it writes, so a bulk decision and a single edit of one of its comments cannot deadlock on
module-then-comment against comment-then-module; and a bulk insert of thousands of comments
makes one new version of the module row, not thousands. SQLite has one writer at a time.
"""

SQLITE_TRIGGERS = {
    "comment_stamp_insert": """CREATE TRIGGER comment_stamp_insert AFTER INSERT ON comment BEGIN
        UPDATE module SET comment_stamp = comment_stamp + 1 WHERE id = new.module_id;
    END""",
    "comment_stamp_update": """CREATE TRIGGER comment_stamp_update AFTER UPDATE ON comment BEGIN
        UPDATE module SET comment_stamp = comment_stamp + 1 WHERE id = new.module_id;
    END""",
}

POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION comment_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    marker text := 'consult.stamped_' || NEW.module_id;
BEGIN
    IF coalesce(current_setting(marker, true), '') = '' THEN
        PERFORM set_config(marker, 'yes', true);  -- for the rest of this transaction
        UPDATE module SET comment_stamp = comment_stamp + 1 WHERE id = NEW.module_id;
    END IF;
    RETURN NULL;
END $$"""

POSTGRES_TRIGGERS = {
    "comment_stamp": """CREATE CONSTRAINT TRIGGER comment_stamp AFTER INSERT OR UPDATE ON comment
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION comment_stamp()""",
}


def create(op) -> None:
    if op.get_bind().dialect.name == "sqlite":
        restore_sqlite_triggers(op)
    else:
        op.execute(POSTGRES_FUNCTION)
        for name, statement in POSTGRES_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON comment")
            op.execute(statement)


def drop(op) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON comment")
        op.execute("DROP FUNCTION IF EXISTS comment_stamp()")


def restore_sqlite_triggers(op) -> None:
    for name, statement in SQLITE_TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)
