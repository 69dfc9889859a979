"""The one way Markdown becomes HTML in Consult.

markdown-it parses with raw HTML disabled and refuses unsafe link schemes; bleach then
cleans the result against the allow-lists below, as a second line of defence should
the parser ever let something through.
"""

from __future__ import annotations

import bleach
from bleach.css_sanitizer import CSSSanitizer
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "a",
    "table", "thead", "tbody", "tr", "th", "td",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "th": ["style"],
    "td": ["style"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
ALLOWED_CSS_PROPERTIES = frozenset({"text-align"})
LINK_REL = "nofollow noopener"

_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES),
    strip=True,
    strip_comments=True,
)


def _build_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.disable("image")  # no remote images: they leak readers' addresses

    default_link_open = parser.renderer.rules.get("link_open")

    def link_open(renderer, tokens, idx, options, env):
        tokens[idx].attrSet("rel", LINK_REL)
        if default_link_open is not None:
            return default_link_open(tokens, idx, options, env)
        return renderer.renderToken(tokens, idx, options, env)

    parser.add_render_rule("link_open", link_open)
    return parser


_parser = _build_parser()


def render_markdown(source: str, *, inline: bool = False) -> Markup:
    """Markdown to sanitized HTML; `inline` drops the wrapping paragraph of a one-line text."""
    source = source.replace("\x00", "\ufffd")
    html = _parser.renderInline(source) if inline else _parser.render(source)
    return Markup(_cleaner.clean(html).strip())
