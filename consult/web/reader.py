"""Pages for readers: the modules, a draft clause by clause, threads, versions."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from consult.db import get_session
from consult.models import CommentType
from consult.permissions import can_see_hidden
from consult.services import comments, drafts, revisions
from consult.services.comments import Filters
from consult.web import cards, fragments
from consult.web.args import number_arg
from consult.web.filters import plural

blueprint = Blueprint("reader", __name__)


def filters_from_request() -> Filters:
    """The module page's filters: ?type=technical and ?mine=1 (signed-in readers)."""
    try:
        comment_type = CommentType(request.args.get("type", ""))
    except ValueError:
        comment_type = None
    mine = request.args.get("mine") == "1" and current_user.is_authenticated
    return Filters(type=comment_type, author_id=current_user.id if mine else None)


@blueprint.get("/")
def home():
    """Every module open for (or closed to) consultation."""
    session = get_session()
    return render_template(
        "reader/home.html", summaries=drafts.list_modules(session),
        counts=comments.module_comment_counts(session), today=comments.today(),
    )


@blueprint.get("/modules/<slug>")
@blueprint.get("/modules/<slug>/drafts/<int:number>")
def module(slug: str, number: int | None = None):
    """A draft's text with its table of contents; the current draft unless one is named."""
    session = get_session()
    module = drafts.get_module(session, slug)
    version = drafts.get_version(session, module, number)
    current = drafts.get_version(session, module) if number is not None else version
    filters = filters_from_request()
    filter_args = filters.as_args()
    draft = fragments.cache().get(
        ("module text", version.id, filters.type, bool(filters.author_id), request.script_root),
        lambda: _draft_text(session, module, version, filter_args))
    counts = comments.counts_by_paragraph(session, module, filters)
    clause_counts = comments.group_counts_by_clause(counts, draft.clause_of)

    def count(key: str) -> int:
        return counts.get(int(key), 0)

    return render_template(
        "reader/module.html", module=module, version=version, current=current, today=comments.today(),
        counts=counts, filters=filters, filter_args=filter_args,
        toc=draft.toc.fill(clause=lambda clause: _clause_count(clause_counts.get(clause, 0))),
        text=draft.text.fill(has=lambda key: " thread-toggle--has" if count(key) else "",
                             count=lambda key: str(count(key)),
                             label=lambda key: plural(count(key), "comment") if count(key) else "Comment"),
    )


@dataclass(frozen=True)
class DraftText:
    """A draft's paragraphs and table of contents, rendered once, with holes for the counts."""

    text: fragments.Fragment
    toc: fragments.Fragment
    clause_of: dict[int, str]  # paragraph id -> clause, to sum the counts per clause


def _draft_text(session, module, version, filter_args: dict) -> DraftText:
    paragraphs = drafts.paragraphs_of(session, version)
    return DraftText(
        text=fragments.render("reader/_module_text.html", module=module, version=version,
                              paragraphs=paragraphs, filter_args=filter_args),
        toc=fragments.render("reader/_module_toc.html", toc=drafts.table_of_contents(paragraphs)),
        clause_of={p.paragraph_id: p.clause for p in paragraphs})


def _clause_count(n: int) -> str:
    return f' <span class="count" aria-label="{plural(n, "comment")}">{n}</span>' if n else ""


def thread_context(module, paragraph, *, focus: int | None = None, **extra) -> dict:
    """What the thread page and panel show: one page of threads, chosen by ?page= or by the
    comment to show (?c= or `focus`), under the reader's filters."""
    session = get_session()
    current = drafts.get_version(session, module)
    filters = filters_from_request()
    threads = comments.thread(session, module, paragraph.paragraph_id if paragraph else None, filters,
                              page=number_arg("page") or 1, focus=focus or number_arg("c"))
    context = dict(module=module, current=current, paragraph=paragraph, today=comments.today(),
                   retired=paragraph is not None and paragraph.version_id != current.id,
                   threads=threads, cards=cards.cards_for(session, threads, current),
                   filters=filters, form=None, errors={}, reply_to=number_arg("reply"),
                   moderate=number_arg("moderate"))
    return context | extra


def render_thread(context: dict, status: int = 200):
    """The thread as a panel (?fragment=1, opened in place by the module page) or as its own page."""
    template = "reader/_thread_panel.html" if request.values.get("fragment") == "1" else "reader/thread.html"
    return render_template(template, **context), status


@blueprint.get("/modules/<slug>/paragraphs/<uid>")
def paragraph_thread(slug: str, uid: str):
    """One paragraph with its comments; also the panel the module page opens in place."""
    session = get_session()
    module = drafts.get_module(session, slug)
    return render_thread(thread_context(module, drafts.latest_text_of(session, module, uid)))


@blueprint.get("/modules/<slug>/general")
def general_thread(slug: str):
    """Comments on the module as a whole."""
    module = drafts.get_module(get_session(), slug)
    return render_thread(thread_context(module, None))


@blueprint.get("/comments/<int:comment_id>/history")
def comment_history(comment_id: int):
    """Every text a comment has had, oldest first."""
    session = get_session()
    comment = comments.get_comment(session, comment_id)
    if comment.state.value == "hidden" and not can_see_hidden(current_user, comment):
        abort(404, "This comment was hidden by the moderators.")
    return render_template(
        "reader/history.html", comment=comment, revisions=comments.revisions_of(session, comment),
        today=comments.today(),
    )


@blueprint.get("/modules/<slug>/compare")
def compare(slug: str):
    """Two drafts side by side, paragraph by paragraph, with word-level differences."""
    session = get_session()
    module = drafts.get_module(session, slug)
    numbers = drafts.version_numbers(session, module)

    old = drafts.get_version(session, module, number_arg("from") or (numbers[-2] if len(numbers) > 1 else numbers[-1]))
    new = drafts.get_version(session, module, number_arg("to") or numbers[-1])
    rows = revisions.compare(revisions.version_paragraphs(session, old), revisions.version_paragraphs(session, new))
    return render_template("reader/compare.html", module=module, numbers=numbers, old=old, new=new, rows=rows,
                           only_changes=request.args.get("changes") == "1", today=comments.today())


@blueprint.get("/modules/<slug>/drafts")
def versions(slug: str):
    """The published drafts of a module."""
    session = get_session()
    module = drafts.get_module(session, slug)
    return render_template(
        "reader/versions.html", module=module, versions=drafts.list_versions(session, module),
        current=drafts.get_version(session, module), today=comments.today(),
    )
