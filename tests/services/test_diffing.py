import re
from html import unescape

from hypothesis import given, settings, strategies as st

from consult.services.diffing import has_changes, word_diff


def test_word_diff_marks_replaced_inserted_and_deleted_words():
    assert str(word_diff("The mark shall be legible.", "The mark should be clearly legible.")) == (
        "The mark <del>shall</del><ins>should</ins> be <ins>clearly </ins>legible.")
    assert str(word_diff("a b c", "a c")) == "a <del>b </del>c"


def test_word_diff_escapes_both_texts():
    html = str(word_diff("<b>old</b>", "<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;old&lt;/b&gt;" in html


def test_has_changes_ignores_nothing_but_identity():
    assert not has_changes("same text", "same text")
    assert has_changes("same text", "same  text")


WORDS = st.lists(st.sampled_from(["the", "mark", "shall", "be", "kept", "<b>", "&", " ", "  ", "\n", "record"]),
                 max_size=30).map("".join)


def _side(html: str, keep: str, drop: str) -> str:
    html = re.sub(f"<{drop}>.*?</{drop}>", "", html, flags=re.S)
    return unescape(html.replace(f"<{keep}>", "").replace(f"</{keep}>", ""))


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_word_diff_keeps_both_texts_whole(old, new):
    """Whatever the common beginning and end, striking the insertions gives back the old text
    and striking the deletions gives the new one."""
    html = str(word_diff(old, new))
    assert _side(html, "del", "ins") == old
    assert _side(html, "ins", "del") == new
