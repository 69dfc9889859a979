"""Commenting from the pages, with and without the in-place panel."""

from __future__ import annotations

import re
from datetime import date

import pytest

from consult.db import get_session
from consult.models import Comment, User
from consult.services import accounts, comments, dispositions, drafts, revisions
from consult.services.comments import CommentInput
from consult.services.dispositions import DispositionInput
from consult.web.links import thread_url as link_to
from tests import factories


@pytest.fixture
def paragraph(app):
    with app.app_context():
        p = factories.paragraphs(get_session())[12]
        return {"uid": p.uid, "text": p.text, "reference": p.reference}


def thread_url(p):
    return f"/modules/isacs-05-30/paragraphs/{p['uid']}"


def test_posting_from_the_page_lands_in_the_thread_with_a_diff(app, as_, paragraph):
    expert = as_(app, "expert")
    proposed = paragraph["text"] + " Added words."
    response = expert.form(thread_url(paragraph) + "/comments",
                           {"type": "technical", "body": "Please add this.", "proposed_change": proposed})
    assert response.status_code == 302 and "#c-" in response.headers["Location"]
    html = as_(app, None).get(thread_url(paragraph)).get_data(as_text=True)
    assert "Please add this." in html
    assert re.search(r"<ins>\s*Added words\.</ins>", html)


def test_leaving_the_prefilled_text_unchanged_proposes_nothing(app, as_, paragraph):
    expert = as_(app, "expert")
    expert.form(thread_url(paragraph) + "/comments",
                {"type": "editorial", "body": "Fine.", "proposed_change": paragraph["text"]})
    [comment] = expert.get("/api/v1/modules/isacs-05-30/comments").get_json()["comments"]
    assert comment["proposed_change"] is None


def test_errors_keep_what_was_typed_and_sit_beside_the_field(app, as_, paragraph):
    expert = as_(app, "expert")
    long_body = "word " * 2_100
    response = expert.form(thread_url(paragraph) + "/comments",
                           {"type": "technical", "body": long_body, "proposed_change": "My careful rewording."})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Keep the comment to 10,000 characters" in html
    assert long_body.strip() in html and "My careful rewording." in html
    empty = expert.form(thread_url(paragraph) + "/comments", {"type": "technical", "body": "", "fragment": "1"})
    assert empty.status_code == 422
    assert "Write your comment before sending it." in empty.get_data(as_text=True)
    assert "<html" not in empty.get_data(as_text=True)  # the panel alone, for the in-place view


def test_in_place_post_answers_the_refreshed_panel(app, as_, paragraph):
    response = as_(app, "expert").form(thread_url(paragraph) + "/comments?fragment=1",
                                       {"type": "general", "body": "From the panel."})
    assert response.status_code == 201
    html = response.get_data(as_text=True)
    assert "From the panel." in html and "is posted" in html and "<html" not in html


def test_visitor_sees_threads_but_is_asked_to_sign_in_to_comment(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        factories.comment(session, factories.user(session, "expert"), paragraph["uid"], body="Visible to all.")
        session.commit()
    html = as_(app, None).get(thread_url(paragraph)).get_data(as_text=True)
    assert "Visible to all." in html and "Sign in</a> or <a" in html and "<textarea" not in html


def test_closed_module_shows_the_closed_message_and_refuses_the_form(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        drafts.get_module(session, "isacs-05-30").deadline = date(2020, 1, 31)
        session.commit()
    expert = as_(app, "expert")
    html = expert.get(thread_url(paragraph)).get_data(as_text=True)
    assert "closed on 31 January 2020" in html and "<textarea" not in html
    assert "Closed for comment since 31 January 2020" in expert.get("/modules/isacs-05-30").get_data(as_text=True)
    response = expert.form(thread_url(paragraph) + "/comments", {"type": "general", "body": "Late."})
    assert response.status_code == 409


def test_module_page_counts_and_filters(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        factories.comment(session, factories.user(session, "expert"), paragraph["uid"], type="technical")
        factories.comment(session, factories.user(session, "other_expert"), paragraph["uid"], type="editorial")
        session.commit()
    expert = as_(app, "expert")
    page = expert.get("/modules/isacs-05-30").get_data(as_text=True)
    assert f'href="/modules/isacs-05-30/paragraphs/{paragraph["uid"]}"' in page
    assert "2 comments" in page
    assert "1 comment<" in expert.get("/modules/isacs-05-30?type=editorial").get_data(as_text=True)
    assert "1 comment<" in expert.get("/modules/isacs-05-30?mine=1").get_data(as_text=True)


def test_moderation_hides_from_the_public_and_tells_the_author(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        comment = factories.comment(session, factories.user(session, "expert"), paragraph["uid"], body="Rude words.")
        session.commit()
        comment_id = comment.id
    assert as_(app, "editor").form(f"/comments/{comment_id}/hide", {"reason": "Insulting."}).status_code == 302
    public = as_(app, None).get(thread_url(paragraph)).get_data(as_text=True)
    assert "Rude words." not in public and "hidden by the moderators" in public
    author = as_(app, "expert")
    assert "Insulting." in author.get("/me/comments").get_data(as_text=True)
    assert "was hidden by the moderators: Insulting." in author.get("/me/notifications").get_data(as_text=True)
    assert as_(app, None).get(f"/comments/{comment_id}/history").status_code == 404


def test_edit_page_saves_and_history_shows_every_text(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        comment = factories.comment(session, factories.user(session, "expert"), paragraph["uid"], body="Version one.")
        session.commit()
        comment_id = comment.id
    expert = as_(app, "expert")
    assert expert.get(f"/comments/{comment_id}/edit").status_code == 200
    assert expert.form(f"/comments/{comment_id}/edit", {"type": "technical", "body": ""}).status_code == 422
    assert expert.form(f"/comments/{comment_id}/edit", {"type": "technical", "body": "Version two."}).status_code == 302
    thread = as_(app, None).get(thread_url(paragraph)).get_data(as_text=True)
    assert "Version two." in thread and ">edited</a>" in thread
    history = as_(app, None).get(f"/comments/{comment_id}/history").get_data(as_text=True)
    assert history.index("Version one.") < history.index("Version two.")


def test_reply_notifies_the_author_in_app(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        comment = factories.comment(session, factories.user(session, "expert"), paragraph["uid"])
        session.commit()
        comment_id = comment.id
    as_(app, "other_expert").form(thread_url(paragraph) + "/comments", {"body": "A reply.", "parent_id": comment_id})
    expert = as_(app, "expert")
    assert 'aria-label="1 unread"' in expert.get("/").get_data(as_text=True)
    assert "Olu Otherexpert replied to your comment" in expert.get("/me/notifications").get_data(as_text=True)
    expert.form("/me/notifications/read")
    assert "unread" not in expert.get("/").get_data(as_text=True)


def test_a_thread_five_replies_deep_renders_nested(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        people = [factories.user(session, "expert"), factories.user(session, "other_expert")]
        parent = factories.comment(session, people[0], paragraph["uid"], body="Depth 0 says hello.")
        for depth in range(1, 6):
            parent = factories.comment(session, people[depth % 2], paragraph["uid"],
                                       body=f"Depth {depth} says hello.", parent=parent)
        session.commit()
    html = as_(app, None).get(thread_url(paragraph)).get_data(as_text=True)
    positions = [html.index(f"Depth {depth} says hello.") for depth in range(6)]
    assert positions == sorted(positions)
    assert html.count('class="thread thread--replies') == 5
    # each reply list opens inside the previous comment, so depth 5 sits five lists deep
    between = html[positions[0]:positions[5]]
    assert between.count("<ol") == 5 and between.count("</ol>") == 0


@pytest.fixture
def busy(app, paragraph):
    """A paragraph with 23 threads; the 17th has a reply."""
    with app.app_context():
        session = get_session()
        expert, other = factories.user(session, "expert"), factories.user(session, "other_expert")
        roots = [factories.comment(session, expert, paragraph["uid"], body=f"Thread number {n}.") for n in range(1, 24)]
        reply = factories.comment(session, other, paragraph["uid"], body="The reply in thread 17.", parent=roots[16])
        session.commit()
        return {"roots": [r.id for r in roots], "reply": reply.id}


def test_a_busy_thread_is_paged_and_a_comment_link_finds_its_page(app, as_, paragraph, busy):
    visitor = as_(app, None)
    first = visitor.get(thread_url(paragraph)).get_data(as_text=True)
    assert "Thread number 10." in first and "Thread number 11." not in first
    assert "Threads 1–10 of 23" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert 'rel="last" href="/modules/isacs-05-30/paragraphs/%s?page=3"' % paragraph["uid"] in first
    assert 'rel="first"' not in first
    third = visitor.get(thread_url(paragraph) + "?page=3&fragment=1").get_data(as_text=True)
    assert "Threads 21–23 of 23" in third and "<html" not in third and 'rel="next"' not in third
    assert 'rel="first"' in third and 'rel="last"' not in third
    # a notification's link (?c=) opens the page holding that comment, even a reply
    with app.test_request_context():
        link = link_to(get_session().get(Comment, busy["reply"]))
    assert link.endswith(f"?c={busy['reply']}#c-{busy['reply']}")
    holding = visitor.get(link.split("#")[0]).get_data(as_text=True)
    assert "Threads 11–20 of 23" in holding and f'id="c-{busy["reply"]}"' in holding


def test_posting_answers_the_page_that_holds_the_new_comment(app, as_, paragraph, busy):
    expert = as_(app, "expert")
    posted = expert.form(thread_url(paragraph) + "/comments", {"type": "general", "body": "Newest.", "fragment": "1"})
    assert posted.status_code == 201
    assert "Threads 21–24 of 24" in posted.get_data(as_text=True) and "Newest." in posted.get_data(as_text=True)
    failed = expert.form(thread_url(paragraph) + "/comments", {"body": "", "parent_id": busy["roots"][0], "fragment": "1"})
    html = failed.get_data(as_text=True)
    assert failed.status_code == 422 and "Threads 1–10 of 24" in html
    assert '<details class="reply" open>' in html and 'name="parent_id" value="%d"' % busy["roots"][0] in html


def test_reply_and_hide_forms_come_from_one_template_or_from_a_link(app, as_, paragraph, busy):
    root = busy["roots"][0]
    expert = as_(app, "expert").get(thread_url(paragraph)).get_data(as_text=True)
    # one reply form for the whole page, copied by the script; each comment links to it otherwise
    assert expert.count('<template data-form="reply">') == 1 and 'data-form="hide"' not in expert
    assert expert.count('name="parent_id" value="__COMMENT__"') == 1
    assert f'href="/modules/isacs-05-30/paragraphs/{paragraph["uid"]}?reply={root}&amp;c={root}#c-{root}"' in expert
    no_script = as_(app, "expert").get(thread_url(paragraph) + f"?reply={root}").get_data(as_text=True)
    assert f'name="parent_id" value="{root}"' in no_script
    editor = as_(app, "editor")
    page = editor.get(thread_url(paragraph)).get_data(as_text=True)
    assert page.count('<template data-form="hide">') == 1 and 'action="/comments/__COMMENT__/hide"' in page
    assert f'action="/comments/{root}/hide"' in editor.get(thread_url(paragraph) + f"?moderate={root}").get_data(as_text=True)
    assert "__COMMENT__" not in as_(app, None).get(thread_url(paragraph)).get_data(as_text=True)


def test_my_comments_come_fifty_at_a_time_newest_first(app, as_, paragraph):
    with app.app_context():
        session = get_session()
        expert = factories.user(session, "expert")
        ids = [factories.comment(session, expert, paragraph["uid"], body=f"Mine number {n}.").id for n in range(1, 56)]
        session.commit()
    me = as_(app, "expert")
    first = me.get("/me/comments").get_data(as_text=True)
    assert "55 comments, newest first; 50 shown here." in first
    assert first.index("Mine number 55.") < first.index("Mine number 6.") and "Mine number 5." not in first
    older = re.search(r'href="(/me/comments\?before=\d+)" rel="next"', first).group(1)
    second = me.get(older).get_data(as_text=True)
    assert [f"Mine number {n}." in second for n in (5, 1, 6)] == [True, True, False]
    assert 'rel="next"' not in second and "← Newest" in second
    assert "No older comments" in me.get(f"/me/comments?before={min(ids)}").get_data(as_text=True)


def test_a_cached_card_never_outlives_what_it_shows(app, as_, paragraph):
    """Cards are rendered once and reused, but an edit, a disposition, a hide, a renamed
    author or a new draft each show on the very next read."""
    with app.app_context():
        session = get_session()
        expert = factories.user(session, "expert")
        comment_id = factories.comment(session, expert, paragraph["uid"], body="First wording.").id
        session.commit()
    reader = as_(app, None)

    def thread():
        return reader.get(thread_url(paragraph)).get_data(as_text=True)

    def change(action):
        with app.app_context():
            session = get_session()
            action(session)
            session.commit()

    assert "First wording." in thread()
    change(lambda s: comments.edit(s, factories.user(s, "expert"), comment_id,
                                   CommentInput(body="Second wording.", type="technical")))
    assert "Second wording." in thread() and "First wording." not in thread()
    change(lambda s: dispositions.decide(s, factories.user(s, "editor"), comment_id,
                                         DispositionInput(decision="noted", response="Thank you.", revision=0)))
    assert "Editors' disposition: <strong>Noted</strong>" in thread()
    expert_id = as_(app, "expert").user.id
    change(lambda s: accounts.update_profile(s, s.get(User, expert_id), accounts.Profile(
        name="Ana Renamed", organisation="New Ministry", country="FR", group="academia")))
    assert "Ana Renamed" in thread() and "New Ministry" in thread()
    change(lambda s: comments.hide(s, factories.user(s, "editor"), comment_id, "Off topic."))
    assert "Second wording." not in thread() and "hidden by the moderators" in thread()
    assert "Second wording." in as_(app, "expert").get(thread_url(paragraph)).get_data(as_text=True)  # its author
    change(lambda s: comments.unhide(s, factories.user(s, "editor"), comment_id))
    assert "Second wording." in thread()
    with app.app_context():
        session = get_session()
        editor = factories.user(session, "editor")
        module = drafts.get_module(session, "isacs-05-30")
        change_set = revisions.open_set(session, editor, module)
        revisions.edit_paragraph(session, editor, change_set, paragraph["uid"], "A newly worded paragraph.")
        revisions.publish(session, editor, change_set)
        session.commit()
    assert "on Draft 1" in thread()
