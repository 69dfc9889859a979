"""Export → edit → import: the offline round trip, aligned by uid and then by text."""

from __future__ import annotations

import pytest

from consult.models import ParagraphKind
from consult.services import drafts, module_files, revisions
from consult.services.errors import Conflict
from consult.services.sources import parse_source

SLUG = "isacs-05-30"


@pytest.fixture
def module(session):
    return drafts.get_module(session, SLUG)


def blocks_of(markdown: str) -> list[str]:
    """The exported file split into its blocks (front matter first)."""
    return markdown.split("\n\n")


def body_blocks(blocks: list[str]) -> list[int]:
    """Indexes of plain paragraphs (uid line, then text that is not a list, table or quote)."""
    return [i for i, b in enumerate(blocks)
            if b.startswith("{#") and b.split("\n")[1][:1].isalpha() and not b.split("\n")[1].startswith("NOTE")]


def test_export_writes_every_uid_and_reimports_to_the_same_text(session, module):
    markdown = module_files.export_markdown(session, module)
    source = parse_source(markdown, "export.md")
    current = drafts.paragraphs_of(session, drafts.get_version(session, module))
    assert [(b.uid, b.kind, b.clause, b.text) for b in source.blocks] == [
        (p.uid, p.kind, p.clause, p.text) for p in current]
    assert (source.code, source.title, source.deadline) == (module.code, module.title, module.deadline)


def test_an_unchanged_file_proposes_no_revision(session, module):
    source = parse_source(module_files.export_markdown(session, module), "export.md")
    proposal = module_files.propose_revision(session, None, module, source)
    assert proposal.revision_set is None
    assert proposal.counts == {"edit": 0, "insert": 0, "delete": 0, "move": 0}
    assert revisions.current_set(session, module) is None


def test_edits_inserts_deletes_and_moves_are_recognised(session, module):
    blocks = blocks_of(module_files.export_markdown(session, module))
    plain = body_blocks(blocks)
    edited, deleted, moved, destination, stripped, inserted_at = (plain[i] for i in (3, 6, 9, 20, 14, 25))
    edited_uid = blocks[edited].split("\n")[0][2:-1]
    deleted_uid = blocks[deleted].split("\n")[0][2:-1]
    moved_uid = blocks[moved].split("\n")[0][2:-1]
    stripped_uid = blocks[stripped].split("\n")[0][2:-1]
    blocks[edited] += " An added sentence."
    # a block whose uid line was lost in editing, and whose text changed a little
    blocks[stripped] = blocks[stripped].split("\n", 1)[1].replace(" ", "  ", 1) + " Slightly changed."
    moved_block = blocks[moved]
    new = []
    for i, block in enumerate(blocks):
        if i in (deleted, moved):
            continue
        new.append(block)
        if i == destination:
            new.append(moved_block)
        if i == inserted_at:
            new.append("A paragraph written offline, with no uid.")
    source = parse_source("\n\n".join(new), "edited.md")
    proposal = module_files.propose_revision(session, None, module, source)
    assert proposal.counts == {"edit": 2, "insert": 1, "delete": 1, "move": 1}
    assert len(proposal.alignment.by_similarity) == 1
    rows = {row.paragraph.uid: row.status for row in revisions.preview(session, proposal.revision_set)}
    assert rows[edited_uid] == "edited" and rows[deleted_uid] == "deleted"
    assert rows[moved_uid] == "moved" and rows[stripped_uid] == "edited"
    version = revisions.publish(session, None, proposal.revision_set)
    published = [p.text for p in drafts.paragraphs_of(session, version) if p.kind is not ParagraphKind.HEADING]
    expected = [b.text for b in source.blocks if b.kind is not ParagraphKind.HEADING]
    assert published == expected
    again = module_files.propose_revision(session, None, module,
                                          parse_source(module_files.export_markdown(session, module), "again.md"))
    assert again.revision_set is None


def test_an_open_revision_set_blocks_a_second_import(session, module):
    markdown = module_files.export_markdown(session, module).replace("\n\n{#", "\n\nNew first words.\n\n{#", 1)
    module_files.propose_revision(session, None, module, parse_source(markdown, "a.md"))
    with pytest.raises(Conflict):
        module_files.propose_revision(session, None, module, parse_source(markdown, "b.md"))
