"""Text clean-up before annotation that never moves a character.

Spans must point into the text the caller gave us, so nothing here deletes or inserts:
markup and control characters are overwritten with spaces (block-level tags with a
newline pair, so paragraphs survive), keeping every offset valid.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["looks_like_html", "mask_markup", "prepare"]

_TAG: Final = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->|<!DOCTYPE[^>]*>",
                         re.DOTALL)
_HIDDEN: Final = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BLOCK: Final = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                           "tr", "table", "section", "article", "header", "footer", "blockquote",
                           "title", "body", "html", "head"})
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds enough markup to be treated as HTML.

    >>> looks_like_html("<p>North Korea fired.</p>"), looks_like_html("a < b > c")
    (True, False)
    """
    return len(_TAG.findall(text[:20_000])) >= 2


def _blank(match: re.Match[str], block: bool) -> str:
    length = match.end() - match.start()
    if block and length >= 2:
        return "\n\n" + " " * (length - 2)
    return " " * length


def mask_markup(text: str) -> str:
    """Overwrite tags, comments, scripts and styles with whitespace of the same length.

    >>> mask_markup("<p>Hi</p><p>there</p>")
    '\\n\\n Hi\\n\\n  \\n\\n there\\n\\n  '
    """
    text = _HIDDEN.sub(lambda m: _blank(m, block=True), text)
    return _TAG.sub(
        lambda m: _blank(m, block=(m.group(2) or "").lower() in _BLOCK), text)


def prepare(text: str) -> str:
    """The text stanza sees: same length as ``text``, markup and control characters blanked."""
    if looks_like_html(text):
        text = mask_markup(text)
    return _CONTROL.sub(" ", text)
