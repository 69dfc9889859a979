"""URLs for domain objects, shared by views and templates."""

from __future__ import annotations

from flask import url_for

from consult.models import Comment


def thread_url(comment: Comment) -> str:
    """Where a comment is read: the page of its paragraph's thread (or of the module's general
    comments) that holds it, scrolled to it."""
    if comment.paragraph is not None:
        return url_for("reader.paragraph_thread", slug=comment.module.slug, uid=comment.paragraph.uid,
                       c=comment.id, _anchor=f"c-{comment.id}")
    return url_for("reader.general_thread", slug=comment.module.slug, c=comment.id, _anchor=f"c-{comment.id}")
