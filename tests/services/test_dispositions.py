"""Disposition rules, history, conflicts and duplicate suggestions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.models import AuditEvent, Decision, Notification, NotificationKind
from consult.services import comments, dispositions
from consult.services.comments import CommentInput
from consult.services.dispositions import DispositionInput, StaleDisposition
from consult.services.errors import Forbidden, InvalidInput
from tests import factories


@pytest.fixture
def setup(session):
    people = {k: factories.user(session, k) for k in ("expert", "other_expert", "editor", "admin", "facilitator")}
    target = factories.paragraphs(session)[14]
    comment = factories.comment(session, people["expert"], target.uid, body="Please require laser marking.")
    return people, target, comment


def decide(session, editor, comment, decision, response="", duplicate_of=None, revision=None):
    return dispositions.decide(session, editor, comment.id, DispositionInput(
        decision=decision, response=response, duplicate_of=duplicate_of,
        revision=comment.disposition_revision if revision is None else revision))


@pytest.mark.parametrize("decision", ["accepted", "noted"])
def test_accepted_and_noted_need_no_response(session, setup, decision):
    people, _, comment = setup
    decide(session, people["editor"], comment, decision)
    assert comment.decision == decision and comment.disposition.response == ""


@pytest.mark.parametrize("decision", ["rejected", "accepted_in_principle"])
def test_rejected_and_accepted_in_principle_need_a_response(session, setup, decision):
    people, _, comment = setup
    with pytest.raises(InvalidInput) as caught:
        decide(session, people["editor"], comment, decision, response="   ")
    assert "response" in caught.value.fields
    decide(session, people["editor"], comment, decision, response="Out of scope for this module.")
    assert comment.disposition.response == "Out of scope for this module."


def test_duplicate_names_another_comment_of_the_same_module(session, setup):
    people, target, comment = setup
    original = factories.comment(session, people["other_expert"], target.uid, body="Laser marking please.")
    elsewhere = comments.post_on_module(session, people["expert"], "isacs-05-31", CommentInput(body="x", type="general"))
    for bad in (None, comment.id, elsewhere.id, 999_999):
        with pytest.raises(InvalidInput):
            decide(session, people["editor"], comment, "duplicate", duplicate_of=bad)
    decide(session, people["editor"], comment, "duplicate", duplicate_of=original.id)
    assert comment.disposition.duplicate_of_id == original.id
    with pytest.raises(InvalidInput):
        decide(session, people["editor"], original, "noted", duplicate_of=comment.id)


def test_unknown_decision_and_replies_are_refused(session, setup):
    people, target, comment = setup
    with pytest.raises(InvalidInput):
        decide(session, people["editor"], comment, "maybe")
    reply = factories.comment(session, people["other_expert"], target.uid, parent=comment)
    with pytest.raises(InvalidInput):
        decide(session, people["editor"], reply, "noted")


@pytest.mark.parametrize("who", ["expert", "other_expert", "facilitator"])
def test_only_editors_and_admins_decide(session, setup, who):
    people, _, comment = setup
    with pytest.raises(Forbidden):
        decide(session, people[who], comment, "accepted")
    decide(session, people["admin"], comment, "accepted")
    assert comment.decision == "accepted"


def test_every_change_is_kept_audited_and_told_to_the_author(session, setup):
    people, _, comment = setup
    decide(session, people["editor"], comment, "noted")
    decide(session, people["admin"], comment, "rejected", response="Not feasible for all States.")
    decide(session, people["editor"], comment, "accepted_in_principle", response="Laser marking recommended.")
    history = dispositions.history(session, comment)
    assert [(d.revision, d.decision, d.editor.name) for d in history] == [
        (1, Decision.NOTED, "Eda Editor"), (2, Decision.REJECTED, "Adam Admin"),
        (3, Decision.ACCEPTED_IN_PRINCIPLE, "Eda Editor")]
    assert comment.disposition_revision == 3 and comment.disposition.decision is Decision.ACCEPTED_IN_PRINCIPLE
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "disposition.record")).all()
    assert [e.details["decision"] for e in events] == ["noted", "rejected", "accepted_in_principle"]
    told = session.scalars(select(Notification).where(Notification.kind == NotificationKind.DISPOSITION)).all()
    assert len(told) == 3 and all(n.user_id == people["expert"].id for n in told)


def test_a_stale_revision_is_a_conflict_and_overwrites_nothing(session, setup):
    people, _, comment = setup
    decide(session, people["editor"], comment, "noted", revision=0)
    with pytest.raises(StaleDisposition):
        decide(session, people["admin"], comment, "rejected", response="No.", revision=0)
    assert comment.decision == "noted" and comment.disposition_revision == 1
    assert [d.decision for d in dispositions.history(session, comment)] == [Decision.NOTED]


def test_bulk_decides_each_at_its_own_revision(session, setup):
    people, target, comment = setup
    second = factories.comment(session, people["other_expert"], target.uid, body="Another point.")
    decide(session, people["editor"], second, "noted")
    decided = dispositions.decide_many(session, people["editor"], [comment.id, second.id, comment.id],
                                       DispositionInput(decision="rejected", response="Covered elsewhere."))
    assert [c.id for c in decided] == [comment.id, second.id]
    assert (comment.disposition_revision, second.disposition_revision) == (1, 2)


def test_likely_duplicates_are_similar_comments_on_the_same_paragraph(session, setup):
    people, target, comment = setup
    twin = factories.comment(session, people["other_expert"], target.uid, body="Please require laser marking here.")
    factories.comment(session, people["other_expert"], target.uid, body="The numbering of this clause is off.")
    factories.comment(session, people["other_expert"], factories.paragraphs(session)[15].uid,
                      body="Please require laser marking.")
    similar = dispositions.likely_duplicates(session, comment)
    assert [c.id for c, _ in similar] == [twin.id]
    assert similar[0][1] > 0.7
