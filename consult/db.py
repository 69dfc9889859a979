"""The declarative base, the engine and one SQLAlchemy session per request."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app, g
from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

EXTENSION_KEY = "consult.db"


class UTCDateTime(TypeDecorator):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given; use utcnow()")
            value = value.astimezone(timezone.utc)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _writes_expected() -> bool:
    """Whether the transaction about to begin belongs to a request that writes (or to the CLI)."""
    from flask import has_request_context, request

    return not has_request_context() or request.method in WRITE_METHODS


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout, enforced foreign keys and durable commits.

    SQLite transactions that will write start with BEGIN IMMEDIATE: they take the write lock
    up front and wait their turn (busy timeout), instead of failing with "database is locked"
    when another process wrote since they began reading.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE" if _writes_expected() else "BEGIN")

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def init_app(app) -> None:
    engine = make_engine(app.config["DATABASE_URL"], echo=app.config["SQL_ECHO"])
    app.extensions[EXTENSION_KEY] = sessionmaker(bind=engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine_for(app) -> Engine:
    return app.extensions[EXTENSION_KEY].kw["bind"]


def get_session() -> Session:
    """The session of the current request or CLI command, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[EXTENSION_KEY]()
    return g.db_session


def _close_session(_exception=None) -> None:
    # Whatever the view did not commit is rolled back here.
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
