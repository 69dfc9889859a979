"""Pages for readers: the list of modules, a draft clause by clause, its versions."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template

from consult.db import get_session
from consult.services import drafts
from consult.services.drafts import NotFound

blueprint = Blueprint("reader", __name__)


@blueprint.get("/")
def home():
    """Every module open for (or closed to) consultation."""
    summaries = drafts.list_modules(get_session())
    return render_template("reader/home.html", summaries=summaries, today=date.today())


@blueprint.get("/modules/<slug>")
@blueprint.get("/modules/<slug>/drafts/<int:number>")
def module(slug: str, number: int | None = None):
    """A draft's text with its table of contents; the current draft unless one is named."""
    session = get_session()
    try:
        module = drafts.get_module(session, slug)
        version = drafts.get_version(session, module, number)
        current = drafts.get_version(session, module) if number is not None else version
    except NotFound as error:
        abort(404, str(error))
    paragraphs = drafts.paragraphs_of(session, version)
    return render_template(
        "reader/module.html", module=module, version=version, current=current,
        paragraphs=paragraphs, toc=drafts.table_of_contents(paragraphs), today=date.today(),
    )


@blueprint.get("/modules/<slug>/drafts")
def versions(slug: str):
    """The published drafts of a module."""
    session = get_session()
    try:
        module = drafts.get_module(session, slug)
    except NotFound as error:
        abort(404, str(error))
    return render_template(
        "reader/versions.html", module=module, versions=drafts.list_versions(session, module),
        current=drafts.get_version(session, module), today=date.today(),
    )
