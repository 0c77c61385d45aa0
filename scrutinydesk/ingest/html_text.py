"""HTML to text the way a reader sees the page: blocks on their own lines, list items as bullets,
table cells separated by tabs, scripts, styles and site chrome left out."""
from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, Doctype, MarkupResemblesLocatorWarning, NavigableString, Tag

from scrutinydesk.ingest.layout import join_lines

_BREAK = "\u2029"  # stands for an intended line break until whitespace is collapsed
_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "section",
           "article", "blockquote", "dt", "dd", "dl", "header", "footer", "main", "pre", "address",
           "caption", "figure", "hr", "center")
_DROP = ("script", "style", "noscript", "head", "template", "svg", "nav", "button", "select", "input",
         "form", "iframe", "object", "title", "meta", "link")
_DROP_SET = frozenset(_DROP)
_BLOCK_SET = frozenset(_BLOCKS)
_SPACES = re.compile(r"[^\S\u2029\t]+")
_BREAKS = re.compile(r" ?\u2029[\u2029 ]*")
_FALLBACK_PARSER = "html.parser"


def _parser() -> str:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return _FALLBACK_PARSER
    return "lxml"


def parse_html(markup: str | bytes) -> BeautifulSoup:
    """Parse tolerant of broken markup; lxml when installed (fast), else Python's own parser."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", UserWarning)
        try:
            return BeautifulSoup(markup, _parser())
        except Exception:  # noqa: BLE001 - a parser failure on hostile markup falls back, never raises
            return BeautifulSoup(markup, "html.parser")


def _content_root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    """ModernGov wraps the page's own content in ``#modgov`` / ``.mgContent``; the rest is site chrome."""
    for found in (soup.find(id="modgov"), soup.find("div", class_="mgContent"), soup.find(id="mgContent"),
                  soup.find("main"), soup.find("body")):
        if found is not None and found.get_text(strip=True):
            return found
    return soup


def soup_to_text(soup: BeautifulSoup | Tag) -> str:
    """Render parsed HTML as text with one block per line (one walk over the tree, then edits)."""
    dropped, breaks, items, cells, blocks = [], [], [], [], []
    for tag in soup.find_all(True):
        name = tag.name
        if name in _DROP_SET:
            dropped.append(tag)
        elif name == "br":
            breaks.append(tag)
        elif name == "li":
            items.append(tag)
        elif name in ("td", "th"):
            cells.append(tag)
        elif name in _BLOCK_SET:
            blocks.append(tag)
    for tag in dropped:
        tag.decompose()
    for node in list(soup.find_all(string=lambda s: isinstance(s, Comment | Doctype))):
        node.extract()
    for tag in breaks:
        if tag.parent is not None:
            tag.replace_with(_BREAK)
    for tag in items:
        if tag.parent is not None:
            tag.insert(0, NavigableString(_BREAK + "• "))
            tag.append(NavigableString(_BREAK))
    for tag in cells:
        if tag.parent is not None:
            tag.append(NavigableString("\t"))
    for tag in blocks:
        if tag.parent is not None:
            tag.insert(0, NavigableString(_BREAK))
            tag.append(NavigableString(_BREAK))
    return tidy_rendered(soup.get_text())


def tidy_rendered(raw: str) -> str:
    """Collapse source whitespace, keep intended breaks, allow at most one blank line in a row."""
    text = re.sub(r" ?\t[ \t]*", "\t", _SPACES.sub(" ", raw.replace("\xa0", " ")))
    text = text.replace(_BREAK + _BREAK, _BREAK)
    return join_lines([line.strip(" \t") for line in _BREAKS.sub(_BREAK, text).split(_BREAK)])


def html_to_text(markup: str | bytes) -> str:
    """Text of an HTML page or fragment, content area only where the page marks one."""
    return html_page(markup)[0]


def html_page(markup: str | bytes) -> tuple[str, str]:
    """(text of the content area, the page's title): the title often names the council."""
    if isinstance(markup, str):
        markup = markup.replace(_BREAK, " ")
    soup = parse_html(markup)
    title_tag = soup.find("title")
    title = squash_title(title_tag.get_text()) if title_tag is not None else ""
    return soup_to_text(_content_root(soup)), title


def squash_title(value: str) -> str:
    return " ".join(value.split())
