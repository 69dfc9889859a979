"""Finding anything in an HTML page that a browser would run as script."""

from __future__ import annotations

from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "svg", "math", "form", "meta", "link", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


# What a whole page of ours legitimately holds: scripts and styles from /static, its own
# forms posting to itself, and meta tags. Anything else of these kinds is an injection.
PAGE_ALLOWANCES = {
    "script": lambda attrs: (attrs.get("src") or "").startswith("/static/"),
    "link": lambda attrs: (attrs.get("href") or "").startswith("/static/"),
    "meta": lambda attrs: "http-equiv" not in attrs,
    "form": lambda attrs: (attrs.get("action") or "/").startswith("/") and not (attrs.get("action") or "").startswith("//"),
}


class _Scanner(HTMLParser):
    def __init__(self, whole_page: bool):
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.findings: list[str] = []

    def handle_starttag(self, tag, attrs):
        allowed = self.whole_page and tag in PAGE_ALLOWANCES and PAGE_ALLOWANCES[tag](dict(attrs))
        if tag in DANGEROUS_TAGS and not allowed:
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(UNSAFE_SCHEMES):
                    self.findings.append(f"<{tag} {name}={value!r}>")


def live_script(html: str, whole_page: bool = False) -> list[str]:
    """Every element or attribute in `html` that could run script; empty when inert.

    `whole_page` admits what our own pages legitimately carry (PAGE_ALLOWANCES); leave it
    off for user HTML such as an API's body_html.
    """
    scanner = _Scanner(whole_page)
    scanner.feed(html)
    scanner.close()
    return scanner.findings
