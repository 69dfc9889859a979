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
