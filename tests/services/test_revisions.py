"""Revision sets: building, previewing and publishing the next draft; uids across versions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.models import AuditEvent, Decision, ParagraphKind, RevisionSetState, Version
from consult.services import comments, dispositions, drafts, revisions
from consult.services.comments import CommentInput
from consult.services.errors import Conflict, Forbidden, InvalidInput
from tests import factories

SLUG = "isacs-05-31"


@pytest.fixture
def editor(session):
    return factories.user(session, "editor")


@pytest.fixture
def module(session):
    return drafts.get_module(session, SLUG)


def current_paragraphs(session, module):
    return drafts.paragraphs_of(session, drafts.get_version(session, module))


def body(session, module):
    return [p for p in current_paragraphs(session, module) if p.kind is not ParagraphKind.HEADING]


def test_one_open_revision_set_per_module(session, editor, module):
    revisions.open_set(session, editor, module)
    with pytest.raises(Conflict):
        revisions.open_set(session, editor, module)
    revisions.open_set(session, editor, drafts.get_module(session, "isacs-05-30"))


def test_experts_cannot_build_revision_sets(session, module):
    with pytest.raises(Forbidden):
        revisions.open_set(session, factories.user(session, "expert"), module)


def test_publish_makes_the_next_draft_with_every_kind_of_change(session, editor, module):
    before = current_paragraphs(session, module)
    paragraphs = body(session, module)
    edited, deleted, moved, anchor = paragraphs[3], paragraphs[5], paragraphs[8], paragraphs[12]
    rs = revisions.open_set(session, editor, module)
    revisions.edit_paragraph(session, editor, rs, edited.uid, edited.text + " Added sentence.")
    revisions.delete_paragraph(session, editor, rs, deleted.uid)
    revisions.move_paragraph(session, editor, rs, moved.uid, anchor.uid)
    inserted = revisions.insert_paragraph(session, editor, rs, paragraphs[20].uid, "A new requirement.").paragraph.uid
    session.refresh(rs)
    statuses = {row.paragraph.uid: row.status for row in revisions.preview(session, rs)}
    assert (statuses[edited.uid], statuses[deleted.uid], statuses[moved.uid], statuses[inserted]) == (
        "edited", "deleted", "moved", "inserted")
    assert sum(1 for s in statuses.values() if s == "unchanged") == len(before) - 3

    version = revisions.publish(session, editor, rs, "Second draft.")
    assert (version.number, version.summary, rs.state) == (2, "Second draft.", RevisionSetState.PUBLISHED)
    after = drafts.paragraphs_of(session, version)
    uids = [p.uid for p in after]
    assert deleted.uid not in uids and inserted in uids
    assert uids.index(moved.uid) == uids.index(anchor.uid) + 1
    assert uids.index(inserted) == uids.index(paragraphs[20].uid) + 1
    assert next(p for p in after if p.uid == edited.uid).text.endswith("Added sentence.")
    kept = {p.uid for p in before} - {deleted.uid}
    assert kept <= set(uids) and len(after) == len(before)
    # Draft 1 is untouched and still readable
    assert [p.uid for p in drafts.paragraphs_of(session, drafts.get_version(session, module, 1))] == [p.uid for p in before]
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "revision_set.publish")).details["version"] == 2


def test_uids_continue_across_three_versions(session, editor, module):
    original = {p.uid: p.paragraph_id for p in current_paragraphs(session, module)}
    for round_number in (1, 2):
        rs = revisions.open_set(session, editor, module)
        target = body(session, module)[round_number * 7]
        revisions.edit_paragraph(session, editor, rs, target.uid, target.text + f" Round {round_number}.")
        revisions.publish(session, editor, rs)
    third = drafts.get_version(session, module)
    assert third.number == 3
    assert {p.uid: p.paragraph_id for p in drafts.paragraphs_of(session, third)} == original
    assert drafts.version_numbers(session, module) == [1, 2, 3]


def test_clause_numbers_are_recomputed(session, editor, module):
    paragraphs = current_paragraphs(session, module)
    clause_5 = next(p for p in paragraphs if p.level == 2 and p.clause == "5")
    before_5 = paragraphs[paragraphs.index(clause_5) - 1]
    rs = revisions.open_set(session, editor, module)
    new_heading = revisions.insert_paragraph(session, editor, rs, before_5.uid, "Principles of cooperation",
                                             "heading", level=2).paragraph.uid
    revisions.insert_paragraph(session, editor, rs, new_heading, "States shall cooperate in tracing.")
    version = revisions.publish(session, editor, rs)
    after = {p.uid: p for p in drafts.paragraphs_of(session, version)}
    assert (after[new_heading].clause, after[new_heading].text) == ("5", "5 Principles of cooperation")
    assert (after[clause_5.uid].clause, after[clause_5.uid].text.split()[0]) == ("6", "6")
    first_sub = next(p for p in paragraphs if p.clause == "5.1" and p.level == 3)
    assert after[first_sub.uid].clause == "6.1" and after[first_sub.uid].text.startswith("6.1 ")


def test_linked_comments_get_a_disposition_unless_they_had_one(session, editor, module):
    paragraphs = body(session, module)
    target = paragraphs[9]
    expert = factories.user(session, "expert")
    proposed = target.text + " Verbatim proposal."
    verbatim = factories.comment(session, expert, target.uid, proposed_change=proposed)
    loose = factories.comment(session, expert, target.uid, body="Something like this.")
    decided = factories.comment(session, expert, target.uid, body="Already decided.")
    dispositions.decide(session, editor, decided.id, dispositions.DispositionInput(decision="noted", revision=0))
    rs = revisions.open_set(session, editor, module)
    revisions.edit_paragraph(session, editor, rs, target.uid, proposed, [verbatim.id, loose.id, decided.id])
    revisions.publish(session, editor, rs)
    assert verbatim.disposition.decision is Decision.ACCEPTED
    assert loose.disposition.decision is Decision.ACCEPTED_IN_PRINCIPLE and "Draft 2" in loose.disposition.response
    assert decided.disposition.decision is Decision.NOTED and decided.disposition_revision == 1


def test_a_failure_mid_publish_leaves_no_partial_version(session, editor, module, monkeypatch):
    target = body(session, module)[2]
    commenter = factories.comment(session, factories.user(session, "expert"), target.uid)
    rs = revisions.open_set(session, editor, module)
    revisions.edit_paragraph(session, editor, rs, target.uid, "Replaced.", [commenter.id])
    session.commit()

    def fail_after_the_version_exists(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(revisions.dispositions, "decide", fail_after_the_version_exists)
    with pytest.raises(RuntimeError):
        revisions.publish(session, editor, rs)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Version).where(Version.module_id == module.id)) == 1
    assert revisions.current_set(session, module).state is RevisionSetState.OPEN
    assert session.get(type(commenter), commenter.id).decision is None


def test_publishing_needs_changes_and_a_current_base(session, editor, module):
    rs = revisions.open_set(session, editor, module)
    with pytest.raises(InvalidInput):
        revisions.publish(session, editor, rs)
    revisions.abandon(session, editor, rs)
    with pytest.raises(Conflict):
        revisions.edit_paragraph(session, editor, rs, body(session, module)[0].uid, "Too late.")
    stale = revisions.open_set(session, editor, module)
    revisions.edit_paragraph(session, editor, stale, body(session, module)[0].uid, "One.")
    revisions.publish(session, editor, stale)
    stale.state = RevisionSetState.OPEN  # pretend it were reopened on the old base
    with pytest.raises(Conflict):
        revisions.publish(session, editor, stale)


def test_comments_follow_their_paragraph_to_the_next_draft(session, editor, module, app):
    target, gone = body(session, module)[4], body(session, module)[6]
    expert = factories.user(session, "expert")
    on_kept = factories.comment(session, expert, target.uid, body="On the kept paragraph.")
    on_gone = factories.comment(session, expert, gone.uid, body="On the deleted paragraph.")
    rs = revisions.open_set(session, editor, module)
    revisions.edit_paragraph(session, editor, rs, target.uid, "Rewritten text.")
    revisions.delete_paragraph(session, editor, rs, gone.uid)
    revisions.publish(session, editor, rs)
    [kept_root] = comments.thread(session, module, target.paragraph_id).threads
    [kept] = comments.for_display(session, [kept_root.comment.id])
    assert kept.id == on_kept.id and kept.version.number == 1
    assert kept.paragraph_version.text == target.text  # the text it was made on
    [gone_root] = comments.thread(session, module, gone.paragraph_id).threads
    assert gone_root.comment.id == on_gone.id
    assert drafts.latest_text_of(session, module, gone.uid).version.number == 1
    with pytest.raises(Exception):
        comments.post_on_paragraph(session, expert, gone.uid, CommentInput(body="x", type="general"))
