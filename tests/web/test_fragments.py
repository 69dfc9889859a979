"""Fragments rendered once with holes, filled per request."""

from __future__ import annotations

import pytest

from consult.web.fragments import Fragment, FragmentCache, hole


def test_holes_are_filled_in_order_with_their_keys():
    html = f"<p>{hole('count', 7)} and {hole('label', 'x')}</p><p>{hole('count', 8)}</p>"
    fragment = Fragment.split(html)
    filled = fragment.fill(count=lambda key: f"[{key}]", label=lambda key: key.upper())
    assert filled == "<p>[7] and X</p><p>[8]</p>"


def test_a_fragment_with_a_stray_mark_is_refused():
    with pytest.raises(ValueError):
        Fragment.split("<p>\x00count:1</p>")


def test_the_cache_renders_once_and_forgets_the_least_recently_used():
    cache, rendered = FragmentCache(size=2), []

    def render(name):
        rendered.append(name)
        return Fragment.split(name)

    for key in ["a", "b", "a", "c", "a", "b"]:
        cache.get(key, lambda key=key: render(key))
    assert rendered == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came
