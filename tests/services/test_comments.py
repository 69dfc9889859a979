"""The rules of commenting, tested on the service layer with a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from consult.models import AuditEvent, CommentState, CommentType, Notification, NotificationKind
from consult.services import comments, dispositions, drafts, notifications
from consult.services.comments import CommentInput, Filters
from consult.services.errors import ConsultationClosed, Forbidden, InvalidInput, NotFound
from tests import factories


@pytest.fixture
def people(session):
    return {key: factories.user(session, key) for key in ("expert", "other_expert", "editor", "facilitator", "admin")}


@pytest.fixture
def target(session):
    return factories.paragraphs(session)[10]


def test_comment_attaches_to_the_paragraph_as_it_reads_in_the_current_draft(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid, proposed_change="New text.")
    assert comment.paragraph_version_id == target.id
    assert comment.paragraph_id == target.paragraph_id
    assert comment.version.number == 1
    assert comment.state is CommentState.OPEN and comment.revision == 1
    assert comment.body_html == "<p>A technical point.</p>"


def test_general_comment_has_no_paragraph_and_refuses_a_proposed_change(session, people):
    comment = comments.post_on_module(session, people["expert"], "isacs-05-31",
                                      CommentInput(body="Overall fine.", type="general"))
    assert comment.paragraph_id is None and comment.paragraph_version_id is None
    with pytest.raises(InvalidInput) as caught:
        comments.post_on_module(session, people["expert"], "isacs-05-31",
                                CommentInput(body="x", type="general", proposed_change="y"))
    assert "proposed_change" in caught.value.fields


@pytest.mark.parametrize(("data", "field"), [
    (CommentInput(body="", type="technical"), "body"),
    (CommentInput(body="   \n ", type="technical"), "body"),
    (CommentInput(body="x" * 10_001, type="technical"), "body"),
    (CommentInput(body="fine", type="rude"), "type"),
    (CommentInput(body="fine"), "type"),
    (CommentInput(body="fine", type="editorial", proposed_change="y" * 10_001), "proposed_change"),
])
def test_invalid_comments_are_refused_naming_the_field(session, people, target, data, field):
    with pytest.raises(InvalidInput) as caught:
        comments.post_on_paragraph(session, people["expert"], target.uid, data)
    assert field in caught.value.fields


def test_a_body_of_exactly_ten_thousand_characters_is_accepted(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid, body="x" * 10_000)
    assert len(comment.body) == 10_000


def test_unknown_paragraph_is_not_found(session, people):
    with pytest.raises(NotFound):
        factories.comment(session, people["expert"], "no-such-uid")


def test_reply_takes_its_parents_type_and_notifies_the_parents_author(session, people, target):
    parent = factories.comment(session, people["expert"], target.uid, type="editorial")
    reply = comments.post_on_paragraph(session, people["other_expert"], target.uid,
                                       CommentInput(body="I agree.", parent_id=parent.id))
    assert reply.parent_id == parent.id and reply.type is CommentType.EDITORIAL
    note = session.scalar(select(Notification).where(Notification.user_id == people["expert"].id))
    assert note.kind is NotificationKind.REPLY and note.comment_id == reply.id
    assert notifications.unread_count(session, people["expert"].id) == 1
    notifications.mark_all_read(session, people["expert"].id)
    assert notifications.unread_count(session, people["expert"].id) == 0


def test_replying_to_oneself_sends_no_notification(session, people, target):
    parent = factories.comment(session, people["expert"], target.uid)
    factories.comment(session, people["expert"], target.uid, parent=parent)
    assert notifications.unread_count(session, people["expert"].id) == 0


def test_reply_must_stay_in_its_thread(session, people, target):
    elsewhere = factories.paragraphs(session)[11]
    parent = factories.comment(session, people["expert"], target.uid)
    with pytest.raises(InvalidInput) as caught:
        factories.comment(session, people["other_expert"], elsewhere.uid, parent=parent)
    assert "parent_id" in caught.value.fields


def test_threads_nest_replies_five_deep(session, people, target):
    parent = factories.comment(session, people["expert"], target.uid, body="level 0")
    for depth in range(1, 6):
        author = people["other_expert"] if depth % 2 else people["expert"]
        parent = factories.comment(session, author, target.uid, body=f"level {depth}", parent=parent)
    module = drafts.get_module(session, "isacs-05-30")
    [root] = comments.thread(session, module, target.paragraph_id).threads
    depth, node = 0, root
    while node.replies:
        node = node.replies[0]
        depth += 1
    [deepest] = comments.for_display(session, [node.comment.id])
    assert depth == 5 and deepest.body == "level 5"


def test_edit_keeps_every_earlier_text(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid, body="First text.", proposed_change="A.")
    comments.edit(session, people["expert"], comment.id, CommentInput(body="Second text.", type="technical", proposed_change="B."))
    comments.edit(session, people["expert"], comment.id, CommentInput(body="Third text.", type="editorial"))
    assert (comment.body, comment.type, comment.proposed_change, comment.revision) == (
        "Third text.", CommentType.EDITORIAL, None, 3)
    assert comment.edited_at is not None
    history = comments.revisions_of(session, comment)
    assert [(r.revision, r.body, r.proposed_change) for r in history] == [
        (1, "First text.", "A."), (2, "Second text.", "B.")]


def test_an_edit_that_changes_nothing_makes_no_revision(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid)
    comments.edit(session, people["expert"], comment.id, CommentInput(body=comment.body, type="technical"))
    assert comment.revision == 1 and comments.revisions_of(session, comment) == []


@pytest.mark.parametrize("who", ["other_expert", "editor", "facilitator", "admin"])
def test_only_the_author_edits_or_withdraws(session, people, target, who):
    comment = factories.comment(session, people["expert"], target.uid)
    with pytest.raises(Forbidden):
        comments.edit(session, people[who], comment.id, CommentInput(body="Hijacked.", type="technical"))
    with pytest.raises(Forbidden):
        comments.withdraw(session, people[who], comment.id)
    assert comment.body == "A technical point." and comment.state is CommentState.OPEN


def test_withdrawn_comment_is_kept_and_can_no_longer_be_edited(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid)
    comments.withdraw(session, people["expert"], comment.id)
    assert comment.state is CommentState.WITHDRAWN and comment.withdrawn_at is not None
    with pytest.raises(Forbidden):
        comments.edit(session, people["expert"], comment.id, CommentInput(body="Changed my mind.", type="technical"))
    assert comments.get_comment(session, comment.id).body == "A technical point."


def test_closed_consultation_refuses_comments_and_edits_but_stays_readable(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid)
    module = drafts.get_module(session, "isacs-05-30")
    after = module.deadline + timedelta(days=1)
    with pytest.raises(ConsultationClosed):
        comments.post_on_paragraph(session, people["expert"], target.uid,
                                   CommentInput(body="Late.", type="general"), on=after)
    with pytest.raises(ConsultationClosed):
        comments.edit(session, people["expert"], comment.id, CommentInput(body="Late edit.", type="general"), on=after)
    assert len(comments.thread(session, module, target.paragraph_id).threads) == 1
    # the deadline day itself is still open
    comments.post_on_paragraph(session, people["expert"], target.uid,
                               CommentInput(body="Just in time.", type="general"), on=module.deadline)


def test_admin_moving_the_deadline_reopens_and_is_audited(session, people):
    module = drafts.get_module(session, "isacs-05-30")
    drafts.set_deadline(session, people["admin"], module, date(2020, 1, 1))
    assert not module.is_open_on(comments.today())
    drafts.set_deadline(session, people["admin"], module, comments.today() + timedelta(days=30))
    assert module.is_open_on(comments.today())
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "module.deadline_change")).all()
    assert [e.details["new"] for e in events] == ["2020-01-01", (comments.today() + timedelta(days=30)).isoformat()]


def test_hiding_keeps_the_comment_tells_the_author_and_is_audited(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid)
    comments.hide(session, people["editor"], comment.id, "Personal attack on another expert.")
    assert comment.state is CommentState.HIDDEN and comment.body == "A technical point."
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "comment.hide"))
    assert (event.actor_id, event.target_id, event.details["reason"]) == (
        people["editor"].id, comment.id, "Personal attack on another expert.")
    note = session.scalar(select(Notification).where(Notification.kind == NotificationKind.HIDDEN))
    assert note.user_id == people["expert"].id and "Personal attack" in note.message
    module = drafts.get_module(session, "isacs-05-30")
    assert comments.counts_by_paragraph(session, module).get(target.paragraph_id, 0) == 0
    comments.unhide(session, people["admin"], comment.id)
    assert comment.state is CommentState.OPEN
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "comment.unhide")) is not None


def test_hiding_needs_a_reason_and_a_moderator(session, people, target):
    comment = factories.comment(session, people["expert"], target.uid)
    with pytest.raises(InvalidInput):
        comments.hide(session, people["editor"], comment.id, "  ")
    for who in ("expert", "other_expert", "facilitator"):
        with pytest.raises(Forbidden):
            comments.hide(session, people[who], comment.id, "no")
    assert comment.state is CommentState.OPEN


def test_filters_narrow_counts_and_threads(session, people, target):
    factories.comment(session, people["expert"], target.uid, type="technical")
    factories.comment(session, people["other_expert"], target.uid, type="editorial")
    module = drafts.get_module(session, "isacs-05-30")
    assert comments.counts_by_paragraph(session, module)[target.paragraph_id] == 2
    editorial = Filters(type=CommentType.EDITORIAL)
    assert comments.counts_by_paragraph(session, module, editorial)[target.paragraph_id] == 1
    mine = Filters(author_id=people["expert"].id)
    [root] = comments.thread(session, module, target.paragraph_id, mine).threads
    assert root.comment.author_id == people["expert"].id


def test_comments_after_pages_oldest_first_and_caps_the_limit(session, people, target):
    factories.many_comments(session, 600)
    first = comments.comments_after(session, "isacs-05-30", 0, 10)
    assert [c.id for c in first] == sorted(c.id for c in first) and len(first) == 10
    assert len(comments.comments_after(session, "isacs-05-30", 0, 10_000)) == 500
    rest = comments.comments_after(session, "isacs-05-30", first[-1].id, 500)
    assert rest[0].id == first[-1].id + 1
    assert comments.comments_after(session, "isacs-05-31") == []  # a module with no comments yet
    with pytest.raises(NotFound):
        comments.comments_after(session, "isacs-99-99")


def test_maintained_counts_match_a_fresh_count(session, people, target):
    module = drafts.get_module(session, "isacs-05-30")
    first = factories.comment(session, people["expert"], target.uid)
    factories.comment(session, people["other_expert"], target.uid, parent=first)
    general = comments.post_on_module(session, people["expert"], "isacs-05-30", CommentInput(body="g", type="general"))
    comments.hide(session, people["editor"], first.id, "Off topic.")
    comments.hide(session, people["editor"], general.id, "Off topic.")
    comments.unhide(session, people["editor"], general.id)
    session.refresh(module)
    maintained = comments.counts_by_paragraph(session, module)
    assert maintained == {target.paragraph_id: 1, None: 1}
    assert module.comment_count == 2
    comments.recount(session)
    session.refresh(module)
    assert comments.counts_by_paragraph(session, module) == maintained and module.comment_count == 2


def test_threads_come_a_page_at_a_time_with_all_their_replies(session, people, target):
    module = drafts.get_module(session, "isacs-05-30")
    roots = [factories.comment(session, people["expert"], target.uid, body=f"Point {n}.") for n in range(25)]
    middle = factories.comment(session, people["editor"], target.uid, parent=roots[13])
    deep = factories.comment(session, people["other_expert"], target.uid, parent=middle)
    first = comments.thread(session, module, target.paragraph_id)
    assert (first.page, first.pages, first.thread_count, first.first) == (1, 3, 25, 1)
    assert [t.comment.id for t in first.threads] == [r.id for r in roots[:10]]
    last = comments.thread(session, module, target.paragraph_id, page=99)  # past the end: the last page
    assert (last.page, [t.comment.id for t in last.threads]) == (3, [r.id for r in roots[20:]])
    focused = comments.thread(session, module, target.paragraph_id, focus=deep.id)  # a reply two deep
    assert focused.page == 2 and focused.first == 11
    [holder] = [t for t in focused.threads if t.comment.id == roots[13].id]
    assert holder.replies[0].replies[0].comment.id == deep.id


def test_a_filtered_page_keeps_threads_whose_replies_match(session, people, target):
    module = drafts.get_module(session, "isacs-05-30")
    roots = [factories.comment(session, people["expert"], target.uid, type="technical") for _ in range(12)]
    factories.comment(session, people["other_expert"], target.uid, type="editorial", parent=roots[11])
    editorial = comments.thread(session, module, target.paragraph_id, Filters(type=CommentType.EDITORIAL))
    assert [t.comment.id for t in editorial.threads] == [roots[11].id] and editorial.pages == 1


def test_the_module_stamp_moves_on_every_write_to_its_comments_and_only_its_own(session, people, target):
    """The database keeps Module.comment_stamp (triggers), so kept counts never outlive a change,
    whoever makes it: the services, a bulk insert, a raw UPDATE."""
    marking, tracing = drafts.get_module(session, "isacs-05-30"), drafts.get_module(session, "isacs-05-31")

    def stamps():
        session.commit()  # PostgreSQL bumps at commit
        session.expire_all()
        return marking.comment_stamp, tracing.comment_stamp

    seen = stamps()

    def moved_on_marking_only() -> bool:
        nonlocal seen
        before, seen = seen, stamps()
        return seen[0] > before[0] and seen[1] == before[1]

    first = factories.comment(session, people["expert"], target.uid, body="First.")
    assert moved_on_marking_only()
    for name, step in [
        ("edit", lambda: comments.edit(session, people["expert"], first.id, CommentInput(body="Edited.", type="technical"))),
        ("decide", lambda: dispositions.decide(session, people["editor"], first.id, dispositions.DispositionInput(decision="noted"))),
        ("hide", lambda: comments.hide(session, people["editor"], first.id, "Off topic.")),
        ("unhide", lambda: comments.unhide(session, people["editor"], first.id)),
        ("withdraw", lambda: comments.withdraw(session, people["expert"], first.id)),
        ("raw update", lambda: session.execute(text("UPDATE comment SET type = 'editorial' WHERE id = :id"), {"id": first.id})),
    ]:
        step()
        assert moved_on_marking_only(), name
    factories.many_comments(session, 5, slug="isacs-05-31")
    assert stamps()[1] > seen[1]


def test_a_comment_write_never_waits_on_another_transactions_stamp(session, people, target):
    """PostgreSQL bumps the stamp at commit, so a transaction holds no module lock while it is
    still writing comments: an edit elsewhere in the module goes through at once (with the lock
    taken early, a bulk decision and an edit of one of its comments could deadlock)."""
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: no two transactions write at once")
    first = factories.comment(session, people["expert"], target.uid, body="One.")
    second = factories.comment(session, people["expert"], target.uid, body="Two.")
    module = drafts.get_module(session, "isacs-05-30")
    session.commit()
    session.refresh(module)
    before = module.comment_stamp
    engine = session.get_bind()
    with engine.connect() as slow, engine.connect() as quick:
        slow.execute(text("UPDATE comment SET type = 'editorial' WHERE id = :id"), {"id": first.id})
        quick.execute(text("SET lock_timeout = '2s'"))
        quick.execute(text("UPDATE comment SET type = 'editorial' WHERE id = :id"), {"id": second.id})
        quick.commit()  # does not wait for `slow`, which has not committed
        slow.commit()
    session.expire_all()
    assert module.comment_stamp == before + 2
