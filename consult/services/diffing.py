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
    # A proposal usually changes a few words of a long paragraph: compare only what lies
    # between the common beginning and the common end (far less work for the matcher).
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    if end and a[-end].isspace():
        end -= 1  # the common end begins at a word, so a change reads "be <ins>clearly </ins>legible"
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    parts: list[str] = [str(escape("".join(a[:start])))]
    matcher = SequenceMatcher(a=middle_a, b=middle_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(str(escape("".join(middle_a[i1:i2]))))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(middle_a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(middle_b[j1:j2]))}</ins>")
    parts.append(str(escape("".join(a[len(a) - end:]))))
    return Markup("".join(parts))


def has_changes(old: str, new: str) -> bool:
    return _tokens(old) != _tokens(new)
