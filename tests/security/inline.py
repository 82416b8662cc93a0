"""Finds what a strict Content Security Policy would block in a page: inline scripts, style
attributes, inline event handlers and javascript: URLs."""

import re

_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
_STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)
_HANDLER_ATTR = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
_JS_URL = re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group(1)
        if "src=" not in attributes and "application/json" not in attributes:
            found.append(match.group())
    found += [m.group() for m in _STYLE_ELEMENT.finditer(html)]
    for tag in _TAG.finditer(html):
        text = tag.group()
        if _STYLE_ATTR.search(text) or _HANDLER_ATTR.search(text) or _JS_URL.search(text):
            found.append(text)
    return found


def test_it_finds_each_kind_of_inline_code():
    page = (
        '<p style="color:red">a</p><script>alert(1)</script><script src="/static/x.js"></script>'
        '<button onclick="go()">b</button><a href="javascript:go()">c</a><style>p{}</style>'
        '<script type="application/json" id="d">{}</script><p>only one style="x" in text</p>'
    )

    assert inline_code(page) == [
        "<script>",
        "<style",
        '<p style="color:red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ]
