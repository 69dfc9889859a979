"""Full-text search of comment bodies and proposed changes: SQLite FTS5 or PostgreSQL, one interface."""

from __future__ import annotations

import re

from sqlalchemy import func, text
from sqlalchemy.orm import Session

from consult.models import Comment

_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:12]


def matching(session: Session, query: str):
    """A WHERE clause keeping comments whose text has every word of `query` (prefixes match)."""
    words = words_of(query)
    if not words:
        return None
    if session.get_bind().dialect.name == "sqlite":
        # Each word quoted (so FTS5 syntax in the query is inert) and made a prefix search.
        fts_query = " ".join(f'"{word}"*' for word in words)
        return Comment.id.in_(
            text("SELECT rowid FROM comment_search WHERE comment_search MATCH :fts_query")
            .bindparams(fts_query=fts_query))
    document = func.to_tsvector("simple", func.coalesce(Comment.body, "") + " " + func.coalesce(Comment.proposed_change, ""))
    tsquery = func.to_tsquery("simple", " & ".join(f"{word}:*" for word in words))
    return document.op("@@")(tsquery)
