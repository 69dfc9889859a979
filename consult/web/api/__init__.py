"""The JSON API under /api/v1 (described by /api/v1/openapi.json)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify, request

from consult.db import get_session
from consult.errors import json_error
from consult.services import drafts
from consult.services.drafts import NotFound
from consult.web.api.openapi import openapi_document

blueprint = Blueprint("api", __name__)


@blueprint.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@blueprint.get("/modules")
def list_modules():
    today = date.today()
    return jsonify({"modules": [
        {
            "slug": s.module.slug, "code": s.module.code, "title": s.module.title,
            "version": s.current_version, "comment_count": s.comment_count,
            "deadline": s.module.deadline.isoformat(), "open": s.module.is_open_on(today),
        }
        for s in drafts.list_modules(get_session())
    ]})


@blueprint.get("/modules/<slug>")
def get_module(slug: str):
    number = request.args.get("version")
    if number is not None and not number.isdigit():
        return json_error(400, "version must be a positive whole number, e.g. ?version=1")
    session = get_session()
    try:
        module = drafts.get_module(session, slug)
        version = drafts.get_version(session, module, int(number) if number else None)
    except NotFound as error:
        return json_error(404, str(error))
    return jsonify({
        "slug": module.slug, "code": module.code, "title": module.title,
        "version": version.number, "versions": drafts.version_numbers(session, module),
        "paragraphs": [
            {"uid": p.uid, "clause": p.clause, "kind": p.kind.value, "text": p.text,
             "html": p.html, "comment_count": 0}
            for p in drafts.paragraphs_of(session, version)
        ],
    })
