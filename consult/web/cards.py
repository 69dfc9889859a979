"""Comment cards: the part of a comment that every reader sees alike (author, text, proposed
change, disposition), rendered once per change of the comment and reused by every reader.

A card is keyed by everything it shows that can change -- the comment's revision (edits), its
disposition revision, its state, its draft against the current one, its author's name,
organisation, country and group -- so an old card is never shown for a changed comment; it is
simply no longer asked for. Hidden comments are never cached: who may read them depends on
the reader. Only comments whose card is missing are loaded whole.
"""

from __future__ import annotations

from flask import get_template_attribute, request
from flask_login import current_user
from markupsafe import Markup

from consult.models import CommentState, Version
from consult.permissions import can_see_hidden
from consult.services import comments
from consult.services.comments import ThreadPage
from consult.web import fragments

CARD_CACHE_SIZE = 5_000


def _key(stub, current: Version) -> tuple:
    return (stub.id, stub.revision, stub.disposition_revision, stub.state, stub.version_id, current.number,
            stub.author_name, stub.author_organisation, stub.author_country, stub.author_group,
            request.script_root)  # the card's links are paths under the app's prefix


def cards_for(session, threads: ThreadPage, current: Version) -> dict[int, Markup]:
    """The card of every comment on the page, by comment id."""
    cache = fragments.cache("cards", CARD_CACHE_SIZE)
    cards, missing = {}, {}
    for stub in threads.stubs():
        found = None if stub.state is CommentState.HIDDEN else cache.lookup(_key(stub, current))
        if found is None:
            missing[stub.id] = stub
        else:
            cards[stub.id] = found
    if missing:
        card = get_template_attribute("reader/_comment.html", "comment_card")
        for comment in comments.for_display(session, list(missing)):
            shown = comment.state is not CommentState.HIDDEN or can_see_hidden(current_user, comment)
            cards[comment.id] = Markup(card(comment, current, shown))
            if comment.state is not CommentState.HIDDEN:
                cache.store(_key(missing[comment.id], current), cards[comment.id])
    return cards
