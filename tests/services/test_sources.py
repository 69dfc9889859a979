"""Parsing module sources: structure, kinds, uids and the errors for bad files."""

from __future__ import annotations

from collections import Counter

import pytest

from consult.config import PROJECT_ROOT
from consult.models import ParagraphKind
from consult.services.sources import SourceError, assign_references, parse_source, read_source

FRONT = "---\ncode: ISACS 99.01\nslug: sample\ntitle: Sample\ndeadline: 2030-01-31\n---\n"
DRAFTS = {
    "isacs-05-30": ("ISACS 05.30", "Marking and record-keeping"),
    "isacs-05-31": ("ISACS 05.31", "Tracing"),
}


def parse(body: str, front: str = FRONT):
    return parse_source(front + body, "sample.md")


@pytest.mark.parametrize("slug", sorted(DRAFTS))
def test_each_draft_follows_iso_structure(slug):
    source = read_source(PROJECT_ROOT / "modules" / f"{slug}.md")
    assert (source.slug, (source.code, source.title)) == (slug, DRAFTS[slug])
    top_clauses = [b.clause for b in source.blocks if b.level == 2]
    assert top_clauses[:5] == ["Foreword", "Introduction", "1", "2", "3"]
    assert any(clause.isalpha() and len(clause) == 1 for clause in top_clauses), "no annex"
    assert source.blocks[0].level == 1 and source.blocks[0].clause == ""


@pytest.mark.parametrize("slug", sorted(DRAFTS))
def test_each_draft_has_enough_commentable_paragraphs_of_every_kind(slug):
    source = read_source(PROJECT_ROOT / "modules" / f"{slug}.md")
    kinds = Counter(block.kind for block in source.blocks)
    commentable = sum(n for kind, n in kinds.items() if kind is not ParagraphKind.HEADING)
    assert commentable >= 80
    for kind in (ParagraphKind.LIST_ITEM, ParagraphKind.NOTE, ParagraphKind.TABLE):
        assert kinds[kind] >= 1, kind
    assert any(b.ordered for b in source.blocks if b.kind is ParagraphKind.LIST_ITEM), "no lettered list"


@pytest.mark.parametrize("slug", sorted(DRAFTS))
def test_each_draft_uses_iso_verbal_forms(slug):
    text = (PROJECT_ROOT / "modules" / f"{slug}.md").read_text()
    lowered = text.lower()
    assert " must " not in lowered
    assert "may not" not in lowered
    assert "shall" in lowered and "should" in lowered
    notes = [b.text for b in read_source(PROJECT_ROOT / "modules" / f"{slug}.md").blocks
             if b.kind is ParagraphKind.NOTE]
    assert not [n for n in notes if " shall " in n], "a NOTE states a requirement"


def test_uids_are_unique_across_both_drafts():
    uids = [b.uid for slug in DRAFTS for b in read_source(PROJECT_ROOT / "modules" / f"{slug}.md").blocks]
    assert len(uids) == len(set(uids))


def test_headings_give_clause_numbers_and_blocks_take_their_clause():
    source = parse(
        "# Sample\n\n## Foreword\n\nWords.\n\n## 5 Marking\n\nIntro.\n\n### 5.1 Frame\n\nText.\n\n"
        "#### 5.1.1 Polymer\n\nMore.\n\n## Annex A (informative) Model\n\n### A.1 Fields\n\nRows.\n"
    )
    assert [(b.clause, b.kind.value, b.level) for b in source.blocks] == [
        ("", "heading", 1), ("Foreword", "heading", 2), ("Foreword", "paragraph", 0),
        ("5", "heading", 2), ("5", "paragraph", 0), ("5.1", "heading", 3), ("5.1", "paragraph", 0),
        ("5.1.1", "heading", 4), ("5.1.1", "paragraph", 0), ("A", "heading", 2),
        ("A.1", "heading", 3), ("A.1", "paragraph", 0),
    ]


def test_every_block_kind_is_recognised():
    source = parse(
        "# T\n\n## 1 Scope\n\nPlain.\n\n1. first;\n2. second.\n\n- dash\n\nNOTE 1 A note.\n\n"
        "EXAMPLE An example.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> Quoted\n> text.\n"
    )
    blocks = source.blocks[2:]
    assert [b.kind.value for b in blocks] == [
        "paragraph", "list_item", "list_item", "list_item", "note", "example", "table", "quote"]
    assert [b.text for b in blocks[1:4]] == ["first;", "second.", "dash"]
    assert blocks[6].text == "| a | b |\n|---|---|\n| 1 | 2 |"
    assert blocks[7].text == "> Quoted\n> text."


def test_references_letter_ordered_items_and_number_notes_and_tables():
    source = parse(
        "# T\n\n## 5 M\n\nIntro.\n\n1. one;\n2. two.\n\nNOTE A note.\n\nNOTE Another.\n\n"
        "| a |\n|---|\n| 1 |\n\nAfter.\n\n- x\n- y\n"
    )
    refs = assign_references(source.blocks)
    assert refs[2:] == [
        ("5 ¶1", ""), ("5 (a)", "a)"), ("5 (b)", "b)"), ("5 NOTE 1", ""), ("5 NOTE 2", ""),
        ("Table 1", ""), ("5 ¶2", ""), ("5 ¶2–1", "—"), ("5 ¶2–2", "—"),
    ]


def test_explicit_uids_win_and_are_stripped_from_text():
    source = parse("# T {#doc-title}\n\n## 1 Scope {#scope}\n\n{#scope-p1}\nThis applies.\n\n{#item-a}\n1. one;\n{#item-b}\n2. two.\n")
    assert [(b.uid, b.text) for b in source.blocks] == [
        ("doc-title", "T"), ("scope", "1 Scope"), ("scope-p1", "This applies."),
        ("item-a", "one;"), ("item-b", "two."),
    ]


def test_derived_uids_are_stable_and_distinguish_repeated_text():
    body = "# T\n\n## 1 Scope\n\nSame.\n\nSame.\n"
    first, second = parse(body), parse(body)
    assert [b.uid for b in first.blocks] == [b.uid for b in second.blocks]
    assert first.blocks[2].uid != first.blocks[3].uid


@pytest.mark.parametrize(("text", "line", "message"), [
    ("# T\n", 1, "no front matter"),
    ("---\ncode: X\nslug: s\ntitle: T\n", 1, "not closed"),
    ("---\ncode: X\nslug: s\n---\n# T\n", 1, "lacks title, deadline"),
    ("---\ncode: X\nslug: Bad Slug\ntitle: T\ndeadline: 2030-01-01\n---\n# T\n", 3, "slug"),
    ("---\ncode: X\nslug: s\ntitle: T\ndeadline: soon\n---\n# T\n", 5, "not an ISO date"),
    (FRONT + "Just text, no heading.\n", 7, "before the first heading"),
    (FRONT + "\n", 7, "no headings"),
    (FRONT + "# T\n\n## 1 A {#dup}\n\n## 2 B {#dup}\n", 11, "duplicate uid 'dup'"),
    (FRONT + "# T\n\n## 5 M\n\n### 6.1 Wrong parent\n", 11, "sits under clause 5"),
    (FRONT + "# T\n\n## 5 M\n\n#### 5.1.1 Skips a level\n", 11, "does not follow"),
    (FRONT + "# T\n\n## 5 M\n\n### General\n", 11, "needs a number"),
    (FRONT + "# T\n\n## 5 M\n\n## 5 Again\n", 11, "already appears on line 9"),
    (FRONT + "# T\n\n## 5 M\n\n{#orphan}\n\nText.\n", 11, "not directly followed"),
    (FRONT + "# T\n\n## 5 M\n\n{#xyz}\n", 11, "not directly followed"),
    (FRONT + "# T\n\n## 5 M\n\n- a\n  - nested\n", 11, "nested lists"),
    (FRONT + "# T\n\n## 5 M\n\n{#bad uid!}\nText.\n", 11, "malformed"),
])
def test_invalid_sources_are_refused_with_file_and_line(text, line, message):
    with pytest.raises(SourceError) as caught:
        parse_source(text, "broken.md")
    assert caught.value.filename == "broken.md"
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"broken.md:{line}: ")


def test_unreadable_file_is_a_source_error(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(SourceError, match="cannot be read"):
        read_source(path)
    with pytest.raises(SourceError, match="cannot be read"):
        read_source(tmp_path / "missing.md")
