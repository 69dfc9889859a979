"""Markup rendered once and filled in per request, and the caches that keep it.

A published draft never changes, so the HTML of its paragraphs and its table of contents
is rendered once per process. What does change -- the comment counts -- goes into marked
holes, filled on every request by a few string joins instead of a template run over
hundreds of paragraphs. The same kind of cache keeps comment cards (consult/web/cards.py)
and the triage table's counts per state (keyed by the module's comment stamp).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from flask import current_app, render_template
from markupsafe import Markup

# Never in a draft's rendered text: markdown-it replaces NUL characters (CommonMark), and the
# fragments hold only a draft's paragraphs and headings, no comments.
_MARK = "\x00"
CACHE_SIZE = 64


def hole(kind: str, key: object) -> Markup:
    """Where a per-request value goes; templates call it as `hole("count", paragraph_id)`."""
    return Markup(f"{_MARK}{kind}:{key}{_MARK}")


@dataclass(frozen=True)
class Fragment:
    """Rendered HTML split at its holes: text, (kind, key), text, (kind, key), ..., text."""

    parts: tuple[Any, ...]

    @classmethod
    def split(cls, html: str) -> Fragment:
        pieces = html.split(_MARK)
        if len(pieces) % 2 == 0:
            raise ValueError("unbalanced hole marks in a rendered fragment")
        return cls(tuple(piece if i % 2 == 0 else tuple(piece.split(":", 1)) for i, piece in enumerate(pieces)))

    def fill(self, **fillers: Callable[[str], str]) -> Markup:
        """The HTML with each hole replaced by `fillers[kind](key)` (already safe HTML)."""
        out = []
        for i, part in enumerate(self.parts):
            out.append(part if i % 2 == 0 else fillers[part[0]](part[1]))
        return Markup("".join(out))


class FragmentCache:
    """A small least-recently-used cache of rendered markup, safe across a worker's threads."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, key: Hashable) -> Any | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def store(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, key: Hashable, render: Callable[[], Any]) -> Any:
        found = self.lookup(key)
        if found is None:
            found = render()  # outside the lock: two threads may render the same thing once each
            self.store(key, found)
        return found


def cache(name: str = "drafts", size: int = CACHE_SIZE) -> FragmentCache:
    """This app's cache called `name` (one per kind of fragment, each with its own size)."""
    caches = current_app.extensions.setdefault("consult.fragments", {})
    found = caches.get(name)
    return found if found is not None else caches.setdefault(name, FragmentCache(size))


def render(template: str, **context) -> Fragment:
    """Render a template whose per-request values are `hole(...)`s."""
    return Fragment.split(render_template(template, hole=hole, **context))
