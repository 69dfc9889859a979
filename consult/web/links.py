"""URLs for domain objects, shared by views and templates."""

from __future__ import annotations

from flask import url_for

from consult.models import Comment


def thread_url(comment: Comment) -> str:
    """Where a comment is read: its paragraph's thread, or the module's general comments."""
    if comment.paragraph is not None:
        base = url_for("reader.paragraph_thread", slug=comment.module.slug, uid=comment.paragraph.uid)
    else:
        base = url_for("reader.general_thread", slug=comment.module.slug)
    return f"{base}#c-{comment.id}"
