"""Reading modules and their text."""

from __future__ import annotations

from flask import jsonify, request

from consult.db import get_session
from consult.errors import json_error
from consult.services import comments, drafts
from consult.web.api import blueprint


@blueprint.get("/modules")
def list_modules():
    session = get_session()
    today = comments.today()
    counts = comments.module_comment_counts(session)
    return jsonify({"modules": [
        {
            "slug": s.module.slug, "code": s.module.code, "title": s.module.title,
            "version": s.current_version, "comment_count": counts.get(s.module.id, 0),
            "deadline": s.module.deadline.isoformat(), "open": s.module.is_open_on(today),
        }
        for s in drafts.list_modules(session)
    ]})


@blueprint.get("/modules/<slug>")
def get_module(slug: str):
    number = request.args.get("version")
    if number is not None and not number.isdigit():
        return json_error(400, "version must be a positive whole number, e.g. ?version=1")
    session = get_session()
    module = drafts.get_module(session, slug)
    version = drafts.get_version(session, module, int(number) if number else None)
    counts = comments.counts_by_paragraph(session, module)
    return jsonify({
        "slug": module.slug, "code": module.code, "title": module.title,
        "version": version.number, "versions": drafts.version_numbers(session, module),
        "paragraphs": [
            {"uid": p.uid, "clause": p.clause, "kind": p.kind.value, "text": p.text,
             "html": p.html, "comment_count": counts.get(p.paragraph_id, 0)}
            for p in drafts.paragraphs_of(session, version)
        ],
    })
