"""Safe Markdown: markdown-it-py without raw HTML, then nh3 as a second fence."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "code", "pre",
    "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}


def render_markdown(text: str) -> Markup:
    html = _md.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 (nh3 has cleaned it)  # nosec B704


def plain_text(text: str) -> str:
    """The words of a Markdown text, one block per line (for speech, search and summaries)."""
    lines: list[str] = []
    for token in _md.parse(text or ""):
        if token.type == "inline" and token.children is not None:
            words = "".join(child.content if child.type in ("text", "code_inline") else
                            " " if child.type in ("softbreak", "hardbreak") else ""
                            for child in token.children)
            if words.strip():
                lines.append(words.strip())
        elif token.type in ("code_block", "fence") and token.content.strip():
            lines.append(token.content.strip())
    return "\n".join(lines)
