"""Word-level differences between two texts, as HTML with <del> and <ins>."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKEN = re.compile(r"\s+|[^\s]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> Markup:
    """`new` against `old`: removed words in <del>, added words in <ins>, the rest as is."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(str(escape("".join(a[i1:i2]))))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return Markup("".join(parts))


def has_changes(old: str, new: str) -> bool:
    return _tokens(old) != _tokens(new)
