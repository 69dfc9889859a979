"""Finding anything in an HTML page that a browser would run as script."""

from __future__ import annotations

from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "svg", "math", "form", "meta", "link", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Scanner(HTMLParser):
    def __init__(self, allowed_tags: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS and tag not in self.allowed_tags:
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(UNSAFE_SCHEMES):
                    self.findings.append(f"<{tag} {name}={value!r}>")


def live_script(html: str, allowed_tags: set[str] = frozenset()) -> list[str]:
    """Every element or attribute in `html` that could run script; empty when inert.

    `allowed_tags` names tags the page itself uses legitimately (e.g. its own <script src>,
    <link rel=stylesheet>, <meta>, <form>); pass only for whole pages, never for user HTML.
    """
    scanner = _Scanner(set(allowed_tags))
    scanner.feed(html)
    scanner.close()
    return scanner.findings
