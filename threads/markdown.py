"""Markdown to safe HTML: markdown-it-py (CommonMark, raw HTML off) then nh3 (an allow-list).

Mentions (`@username`) become links to the person; links to other places in Collab are collected
for backlinks. Rendering happens once per post version, at write time; pages show the stored HTML.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_LENGTH = 20_000  # characters of Markdown in one post
MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.+-]{2,150})")
# Internal links that make backlinks: /threads/12/ , /threads/12/#post-34 , /threads/12/posts/34/
INTERNAL_LINK_RE = re.compile(r"^/threads/(?P<thread>\d+)/(?:posts/(?P<post>\d+)/|#post-(?P<anchor>\d+))?$")

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "code": {"class"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}

_md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False}).enable(
    ["linkify", "table", "strikethrough"]
)


@dataclass
class Rendered:
    html: str
    mentions: list[str] = field(default_factory=list)  # usernames, in order, unique
    links: list[tuple[str, int]] = field(default_factory=list)  # ("thread"|"post", id)


def render(text: str, *, resolve_mentions=None, site_hosts: frozenset[str] = frozenset()) -> Rendered:
    """Render Markdown. `resolve_mentions(usernames) -> {username: url}` turns known names into links."""
    tokens = _md.parse(text)
    candidates = {
        m.group(1).rstrip(".") for tok in _inline_text_tokens(tokens) for m in MENTION_RE.finditer(tok.content)
    }
    known = resolve_mentions(sorted(candidates)) if (candidates and resolve_mentions) else {}
    mentioned: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _with_mentions(token.children, known, mentioned)
    links = _internal_links(tokens, site_hosts)
    html = _md.renderer.render(tokens, _md.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return Rendered(html=clean, mentions=mentioned, links=links)


def _inline_text_tokens(tokens):
    for token in tokens:
        if token.type == "inline" and token.children:
            depth = 0
            for child in token.children:
                depth += child.type == "link_open"
                depth -= child.type == "link_close"
                if child.type == "text" and depth == 0:
                    yield child


def _with_mentions(children: list[Token], known: dict[str, str], mentioned: list[str]) -> list[Token]:
    result: list[Token] = []
    depth = 0
    for child in children:
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        if child.type != "text" or depth or "@" not in child.content or not known:
            result.append(child)
            continue
        text, position = child.content, 0
        for match in MENTION_RE.finditer(text):
            username = match.group(1).rstrip(".")
            url = known.get(username) or known.get(username.lower())
            if url is None:
                continue
            start, end = match.start(), match.start() + 1 + len(username)
            if start > position:
                result.append(_text(text[position:start]))
            opening = Token("link_open", "a", 1)
            opening.attrs = {"href": url, "class": "mention"}
            result.extend([opening, _text("@" + username), Token("link_close", "a", -1)])
            if username not in mentioned:
                mentioned.append(username)
            position = end
        if position < len(text):
            result.append(_text(text[position:]))
    return result


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _internal_links(tokens, site_hosts: frozenset[str]) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for token in tokens:
        for child in token.children or []:
            if child.type != "link_open":
                continue
            href = str(child.attrs.get("href", ""))
            parts = urlsplit(href)
            if parts.scheme and (parts.scheme not in {"http", "https"} or parts.hostname not in site_hosts):
                continue
            path = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
            match = INTERNAL_LINK_RE.match(path)
            if not match:
                continue
            post_id = match["post"] or match["anchor"]
            target = ("post", int(post_id)) if post_id else ("thread", int(match["thread"]))
            if target not in found:
                found.append(target)
    return found
