"""Dump and restore: every table, as JSON lines, portable between SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from sqlalchemy import Date, DateTime, Enum as EnumType, func, select, text
from sqlalchemy.engine import Connection

from consult import models  # noqa: F401  (every table registered)
from consult.db import Base, UTCDateTime

FORMAT = "consult-dump"
FORMAT_VERSION = 1
BATCH = 1_000


class RestoreError(ValueError):
    pass


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def dump(connection: Connection, path: Path, schema_revision: str | None) -> dict[str, int]:
    """Write every row of every table to `path` (gzip when it ends in .gz); returns row counts."""
    opener = gzip.open if str(path).endswith(".gz") else open
    counts = {}
    with opener(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT, "version": FORMAT_VERSION, "schema": schema_revision}) + "\n")
        for table in Base.metadata.sorted_tables:
            n = 0
            order = list(table.primary_key.columns)
            for row in connection.execute(select(table).order_by(*order)).mappings():
                out.write(json.dumps({"t": table.name, "r": {k: _plain(v) for k, v in row.items()}},
                                     ensure_ascii=False) + "\n")
                n += 1
            counts[table.name] = n
    return counts


def _converters(table):
    result = {}
    for column in table.columns:
        kind = column.type
        if isinstance(kind, EnumType) and kind.enum_class is not None:
            result[column.name] = lambda v, e=kind.enum_class: None if v is None else e(v)
        elif isinstance(kind, (UTCDateTime, DateTime)):
            result[column.name] = lambda v: None if v is None else datetime.fromisoformat(v)
        elif isinstance(kind, Date):
            result[column.name] = lambda v: None if v is None else date.fromisoformat(v)
    return result


def restore(connection: Connection, path: Path) -> dict[str, int]:
    """Load a dump into a migrated, empty database, keeping every id; returns row counts."""
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    for name in ("user_account", "module"):
        if connection.scalar(select(func.count()).select_from(tables[name])):
            raise RestoreError("the database is not empty: restore into a fresh one (run `consult init` on an empty database first)")
    opener = gzip.open if str(path).endswith(".gz") else open
    counts: dict[str, int] = {}
    converters = {name: _converters(table) for name, table in tables.items()}
    pending: dict[str, list[dict]] = {}
    stamps: dict[int, int] = {}  # module id -> its comment stamp, which the comments' triggers move

    def flush(name: str) -> None:
        if pending.get(name):
            connection.execute(tables[name].insert(), pending[name])
            counts[name] = counts.get(name, 0) + len(pending[name])
            pending[name] = []

    with opener(path, "rt", encoding="utf-8") as source:
        header = json.loads(source.readline() or "{}")
        if header.get("format") != FORMAT:
            raise RestoreError(f"{path} is not a Consult dump")
        current = None
        for line in source:
            record = json.loads(line)
            name = record["t"]
            if name not in tables:
                raise RestoreError(f"{path} holds a table this version does not know: {name}")
            if name != current and current is not None:
                flush(current)  # tables come in dependency order; finish one before the next
            current = name
            convert = converters[name]
            row = {k: convert[k](v) if k in convert else v for k, v in record["r"].items()}
            if name == "module" and "comment_stamp" in row:
                stamps[row["id"]] = row["comment_stamp"]
            pending.setdefault(name, []).append(row)
            if len(pending[name]) >= BATCH:
                flush(name)
        if current is not None:
            flush(current)
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))  # the stamp triggers fire now, not at commit
    for module_id, stamp in stamps.items():  # as dumped, not as moved by restoring the comments
        connection.execute(tables["module"].update().where(tables["module"].c.id == module_id)
                           .values(comment_stamp=stamp))
    _after_restore(connection, tables)
    return counts


def _after_restore(connection: Connection, tables) -> None:
    """Let new rows continue after the restored ids; rebuild derived search data."""
    if connection.dialect.name == "postgresql":
        for name, table in tables.items():
            if "id" in table.columns and table.columns["id"].autoincrement is not False and table.columns["id"].primary_key:
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), coalesce((SELECT max(id) FROM {name}), 0) + 1, false)"))
    else:
        connection.execute(text("INSERT INTO comment_search(comment_search) VALUES ('rebuild')"))
