"""The OpenAPI 3.1 description of the API; tests check the endpoints against it."""

from __future__ import annotations

from consult.models import CommentState, CommentType, ParagraphKind, StakeholderGroup

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


AUTHOR = {
    "type": "object",
    "required": ["name", "organisation", "country", "group"],
    "properties": {
        "name": {"type": "string"},
        "organisation": {"type": "string"},
        "country": {"type": "string", "description": "ISO 3166-1 alpha-2"},
        "group": {"type": "string", "enum": [g.value for g in StakeholderGroup]},
    },
    "additionalProperties": False,
}

DISPOSITION = {
    "type": "object",
    "required": ["decision", "response", "duplicate_of", "revision"],
    "properties": {
        "decision": {"type": "string", "enum": ["accepted", "accepted_in_principle", "rejected", "noted", "duplicate"]},
        "response": {"type": "string"},
        "duplicate_of": {"type": ["integer", "null"]},
        "revision": {"type": "integer", "minimum": 1},
    },
}

COMMENT = {
    "type": "object",
    "required": ["id", "paragraph_uid", "clause", "parent_id", "author", "type", "body_html",
                 "proposed_change", "created_at", "version", "state", "disposition", "revision"],
    "properties": {
        "id": {"type": "integer"},
        "paragraph_uid": {"type": ["string", "null"], "description": "null for a general comment"},
        "clause": {"type": "string", "description": "the paragraph's clause, or 'General'"},
        "parent_id": {"type": ["integer", "null"]},
        "author": {"$ref": "#/components/schemas/Author"},
        "type": {"type": "string", "enum": [t.value for t in CommentType]},
        "body_html": {"type": "string", "description": "sanitized HTML; empty when hidden from you"},
        "proposed_change": {"type": ["string", "null"]},
        "created_at": {"type": "string", "format": "date-time"},
        "version": {"type": "integer", "minimum": 1, "description": "the draft it was made on"},
        "state": {"type": "string", "enum": [s.value for s in CommentState]},
        "disposition": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Disposition"}]},
        "revision": {"type": "integer", "minimum": 1, "description": "bumped on every edit"},
    },
    "additionalProperties": False,
}

NEW_COMMENT = {
    "type": "object",
    "required": ["body"],
    "properties": {
        "type": {"type": "string", "enum": [t.value for t in CommentType],
                 "description": "required, except on a reply, which takes its parent's when left out"},
        "body": {"type": "string", "minLength": 1, "maxLength": 10000, "description": "Markdown"},
        "proposed_change": {"type": ["string", "null"], "maxLength": 10000},
        "parent_id": {"type": ["integer", "null"], "description": "the comment this replies to"},
    },
}

DISPOSITION_INPUT = {
    "type": "object",
    "required": ["decision", "revision"],
    "properties": {
        "decision": {"type": "string", "enum": ["accepted", "accepted_in_principle", "rejected", "noted", "duplicate"]},
        "response": {"type": "string", "maxLength": 10000,
                     "description": "required for rejected and accepted_in_principle"},
        "duplicate_of": {"type": ["integer", "null"], "description": "required for duplicate"},
        "revision": {"type": "integer", "minimum": 0,
                     "description": "the disposition revision seen (0 when there was none); stale answers 409"},
    },
}

COMMENT_EDIT = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": [t.value for t in CommentType]},
        "body": {"type": "string", "minLength": 1, "maxLength": 10000},
        "proposed_change": {"type": ["string", "null"], "maxLength": 10000,
                            "description": "null removes the proposal; left out keeps it"},
    },
}

WRITE_ERROR_TEXT = {
    "400": "malformed request or missing CSRF token (X-CSRFToken header)",
    "401": "not signed in",
    "403": "not allowed (e.g. someone else's comment)",
    "404": "no such paragraph, module or comment",
    "409": "the consultation is closed, or (dispositions) someone else decided first",
    "422": "invalid input; error.fields names each bad field",
}


def _errors(*codes: str) -> dict:
    return {code: _json("Error", WRITE_ERROR_TEXT[code]) for code in codes}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def _path_param(name: str, kind: str = "string") -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": kind}}


def _write(operation_id, summary, parameters, body_schema, success, error_codes) -> dict:
    operation = {
        "operationId": operation_id,
        "summary": summary,
        "security": [{"session": []}],
        "parameters": parameters + [{"name": "X-CSRFToken", "in": "header", "required": True,
                                     "schema": {"type": "string"}}],
        "responses": {success: _json("Comment", "the comment as stored"), **_errors(*error_codes)},
    }
    if body_schema:
        operation["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{body_schema}"}}}}
    return operation


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Consult API",
            "version": "1",
            "description": "Read the ISACS draft modules open for consultation and comment on them.",
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
            "/modules/{slug}/comments": {
                "get": {
                    "operationId": "listComments",
                    "summary": "A module's comments with ids above `after`, oldest first",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "after", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}},
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}},
                    ],
                    "responses": {
                        "200": {"description": "a page of comments; page on with after=next_after until empty",
                                "content": {"application/json": {"schema": {
                                    "type": "object", "required": ["comments", "next_after"],
                                    "properties": {
                                        "comments": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
                                        "next_after": {"type": "integer"},
                                    }}}}},
                        **_errors("404", "422"),
                    },
                },
                "post": _write("postModuleComment", "A general comment on the module (or a reply to one)",
                               [_path_param("slug")], "NewComment", "201", ("400", "401", "404", "409", "422")),
            },
            "/modules/{slug}/events": {"get": {
                "operationId": "moduleEvents",
                "summary": "Server-Sent Events: each new comment as `event: comment` with `id: <comment id>`",
                "description": "Resumes after the Last-Event-ID header (or ?after=). Heartbeats keep proxies "
                               "from closing the stream; each connection ends after a bounded time and the "
                               "browser reconnects. 503 when this server process serves its maximum of streams.",
                "parameters": [_path_param("slug"),
                               {"name": "after", "in": "query", "required": False, "schema": {"type": "integer"}},
                               {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "the event stream; each data line is a Comment",
                            "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                    **_errors("404"),
                    "503": _json("Error", "too many streams on this process; poll or retry"),
                },
            }},
            "/live/{code}/events": {"get": {
                "operationId": "liveSessionEvents",
                "summary": "A side-event's projector feed: `state` and `comment` events",
                "description": "Event ids are `<last comment id>.<state revision>`; resume with Last-Event-ID "
                               "or ?cursor=. Comments hidden from the room never appear; none while paused.",
                "parameters": [_path_param("code"),
                               {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"}},
                               {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "the event stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                    **_errors("404"),
                    "503": _json("Error", "too many streams on this process; use the poll endpoint"),
                },
            }},
            "/live/{code}/poll": {"get": {
                "operationId": "liveSessionPoll",
                "summary": "The projector feed as JSON, for networks that block streams",
                "parameters": [_path_param("code"),
                               {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "state, the comments after the cursor, and the next cursor",
                            "content": {"application/json": {"schema": {
                                "type": "object", "required": ["state", "comments", "cursor"],
                                "properties": {
                                    "state": {"type": "object"},
                                    "comments": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
                                    "cursor": {"type": "string"},
                                }}}}},
                    **_errors("404"),
                },
            }},
            "/paragraphs/{uid}/comments": {
                "post": _write("postParagraphComment", "A comment on a paragraph of the current draft",
                               [_path_param("uid")], "NewComment", "201", ("400", "401", "404", "409", "422")),
            },
            "/comments/{comment_id}": {
                "patch": _write("editComment", "Edit one's own open comment; the earlier text is kept",
                                [_path_param("comment_id", "integer")], "CommentEdit", "200",
                                ("400", "401", "403", "404", "409", "422")),
            },
            "/comments/{comment_id}/disposition": {
                "put": _write("recordDisposition",
                              "Editors: record a decision; send the disposition revision you saw (0 for none)",
                              [_path_param("comment_id", "integer")], "DispositionInput", "200",
                              ("400", "401", "403", "404", "409", "422")),
            },
            "/comments/{comment_id}/withdraw": {
                "post": _write("withdrawComment", "Withdraw one's own open comment (it stays, marked withdrawn)",
                               [_path_param("comment_id", "integer")], None, "200", ("400", "401", "403", "404")),
            },
        },
        "components": {
            "schemas": {
                "Error": ERROR, "ModuleSummary": MODULE_SUMMARY, "Module": MODULE, "Paragraph": PARAGRAPH,
                "Author": AUTHOR, "Disposition": DISPOSITION, "Comment": COMMENT,
                "NewComment": NEW_COMMENT, "CommentEdit": COMMENT_EDIT, "DispositionInput": DISPOSITION_INPUT,
            },
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "session",
                            "description": "sign in at /login; writes also send the page's csrf-token in X-CSRFToken"},
            },
        },
    }
