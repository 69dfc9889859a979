"""The JSON API under /api/v1 (described by /api/v1/openapi.json)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from consult.web.api.openapi import openapi_document

blueprint = Blueprint("api", __name__)


@blueprint.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())


from consult.web.api import comments, live, modules  # noqa: E402,F401  (routes register on import)
