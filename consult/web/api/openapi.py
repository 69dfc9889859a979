"""The OpenAPI 3.1 description of the API; tests check the endpoints against it."""

from __future__ import annotations

from consult.models import ParagraphKind

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
    }},
}

MODULE_SUMMARY = {
    "type": "object",
    "required": ["slug", "code", "title", "version", "comment_count", "deadline", "open"],
    "properties": {
        "slug": {"type": "string"},
        "code": {"type": "string", "examples": ["ISACS 05.30"]},
        "title": {"type": "string"},
        "version": {"type": "integer", "minimum": 1, "description": "current draft number"},
        "comment_count": {"type": "integer", "minimum": 0},
        "deadline": {"type": "string", "format": "date"},
        "open": {"type": "boolean", "description": "whether comments are taken now"},
    },
    "additionalProperties": False,
}

PARAGRAPH = {
    "type": "object",
    "required": ["uid", "clause", "kind", "text", "html", "comment_count"],
    "properties": {
        "uid": {"type": "string"},
        "clause": {"type": "string", "description": "clause number, unnumbered part's name, or '' for the title"},
        "kind": {"type": "string", "enum": [kind.value for kind in ParagraphKind]},
        "text": {"type": "string", "description": "Markdown source as in the module file"},
        "html": {"type": "string", "description": "sanitized HTML"},
        "comment_count": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}

MODULE = {
    "type": "object",
    "required": ["slug", "code", "title", "version", "versions", "paragraphs"],
    "properties": {
        "slug": {"type": "string"},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "version": {"type": "integer", "minimum": 1},
        "versions": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "paragraphs": {"type": "array", "items": {"$ref": "#/components/schemas/Paragraph"}},
    },
    "additionalProperties": False,
}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consult API",
            "version": "1",
            "description": "Read the ISACS draft modules open for consultation.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/modules": {"get": {
                "operationId": "listModules",
                "summary": "Every module with its current draft and consultation status",
                "responses": {"200": {"description": "the modules", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["modules"],
                    "properties": {"modules": {"type": "array", "items": {"$ref": "#/components/schemas/ModuleSummary"}}},
                }}}}},
            }},
            "/modules/{slug}": {"get": {
                "operationId": "getModule",
                "summary": "A module's text, paragraph by paragraph",
                "parameters": [
                    {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "version", "in": "query", "required": False,
                     "description": "draft number; the current draft when left out",
                     "schema": {"type": "integer", "minimum": 1}},
                ],
                "responses": {
                    "200": _json("Module", "the module at the asked version"),
                    "400": _json("Error", "version is not a number"),
                    "404": _json("Error", "no such module or version"),
                },
            }},
        },
        "components": {"schemas": {
            "Error": ERROR, "ModuleSummary": MODULE_SUMMARY, "Module": MODULE, "Paragraph": PARAGRAPH,
        }},
    }
