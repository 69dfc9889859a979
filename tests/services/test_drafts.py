"""Publishing a source as Draft 1 and reading it back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.models import ParagraphKind, ParagraphVersion
from consult.services import drafts
from consult.services.sources import parse_source
from tests.htmlcheck import live_script

HOSTILE = (
    "---\ncode: ISACS 99.02\nslug: hostile\ntitle: Hostile\ndeadline: 2030-01-31\n---\n"
    "# Hostile\n\n## 1 Scope\n\n"
    "Raw <script>alert('x')</script> and <img src=x onerror=alert(1)> here.\n\n"
    "A [link](javascript:alert(document.cookie)) and [another](JAVASCRIPT:alert(1)).\n\n"
    "A [data link](data:text/html;base64,PHNjcmlwdD4=) and <a href=\"javascript:alert(1)\">raw</a>.\n\n"
    "A [good link](https://www.un.org/disarmament).\n"
)


def test_both_drafts_are_published_as_draft_one(session):
    for slug, code in (("isacs-05-30", "ISACS 05.30"), ("isacs-05-31", "ISACS 05.31")):
        module = drafts.get_module(session, slug)
        version = drafts.get_version(session, module)
        assert (module.code, version.number, version.label) == (code, 1, "Draft 1")
        paragraphs = drafts.paragraphs_of(session, version)
        assert [p.position for p in paragraphs] == list(range(1, len(paragraphs) + 1))
        assert sum(p.kind is not ParagraphKind.HEADING for p in paragraphs) >= 80
        assert paragraphs[0].clause == "" and paragraphs[0].kind is ParagraphKind.HEADING


def test_raw_html_and_script_links_in_a_source_are_neutralised(session):
    module = drafts.publish_new_module(session, parse_source(HOSTILE, "hostile.md"))
    html = "".join(p.html for p in drafts.paragraphs_of(session, drafts.get_version(session, module)))
    assert live_script(html) == []
    assert "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, not run
    assert '<a href="https://www.un.org/disarmament" rel="nofollow noopener">good link</a>' in html


def test_unknown_module_and_version_are_not_found(session):
    with pytest.raises(drafts.NotFound):
        drafts.get_module(session, "isacs-99-99")
    module = drafts.get_module(session, "isacs-05-30")
    with pytest.raises(drafts.NotFound):
        drafts.get_version(session, module, 2)


def test_table_of_contents_nests_subclauses_under_clauses(session):
    module = drafts.get_module(session, "isacs-05-30")
    toc = drafts.table_of_contents(drafts.paragraphs_of(session, drafts.get_version(session, module)))
    assert [entry.paragraph.clause for entry in toc][:5] == ["Foreword", "Introduction", "1", "2", "3"]
    terms = toc[4]
    assert terms.children and all(child.paragraph.clause.startswith("3.") for child in terms.children)


def test_publishing_a_slug_twice_is_refused(session):
    source = parse_source(HOSTILE, "hostile.md")
    drafts.publish_new_module(session, source)
    with pytest.raises(drafts.ModuleExists):
        drafts.publish_new_module(session, parse_source(HOSTILE, "hostile.md"))


def test_reading_a_version_costs_one_query(session, app):
    from sqlalchemy import event

    module = drafts.get_module(session, "isacs-05-31")
    version = drafts.get_version(session, module)
    statements = []
    engine = session.get_bind()
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        paragraphs = drafts.paragraphs_of(session, version)
        uids = [p.uid for p in paragraphs]
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(uids) > 200
    assert len(statements) == 1
    assert session.scalars(select(ParagraphVersion.id)).first() is not None
