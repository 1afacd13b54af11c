"""The digest as an Atom 1.0 feed (RFC 4287), for readers who follow their
digest in a feed reader rather than a mail or a file.

One entry per story. Its id is the story's id from the state
(``urn:newsum:story:<id>``), the same across runs: a follow-up keeps the id
of the story it develops, so a feed reader updates that entry instead of
adding a new one. The content is XHTML (summary, quote, who, sources), built
with ElementTree, so every title and sentence from a feed or a page is
escaped text and the document is always well-formed XML.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from typing import TextIO
from xml.etree import ElementTree as ET

from newsum.model import Roundup, Story
from newsum.render.common import quote_text, safe
from newsum.render.wording import actor_list, byline, follow_up_line, headline, speaker, web_link
from newsum.version import __version__

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
FEED_ID = "urn:newsum:digest"
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def as_atom(roundup: Roundup, out: TextIO) -> None:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", FEED_ID)
    _text(feed, "title", headline(roundup))
    _text(feed, "updated", rfc3339(roundup.generated) or _now())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "newsum")
    generator = _text(feed, "generator", "newsum")
    generator.set("version", __version__)
    for story in roundup.stories:
        feed.append(_entry(story, rfc3339(roundup.generated) or _now()))
    ET.indent(feed)
    document = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    # `safe` took the controls out; XML 1.0 also forbids these few characters.
    out.write('<?xml version="1.0" encoding="utf-8"?>\n' + _NOT_XML.sub("", document) + "\n")


def _entry(story: Story, updated: str) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", f"urn:newsum:story:{story.id or _fallback_id(story)}")
    _text(entry, "title", safe(story.title))
    _text(entry, "updated", updated)
    published = rfc3339(story.published)
    if published:
        _text(entry, "published", published)
    link = web_link(story.link)
    if link:
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
    names = list(dict.fromkeys(safe(m.source) for m in story.mentions))
    if names:
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", ", ".join(names))
    content = ET.SubElement(entry, f"{{{ATOM}}}content", type="xhtml")
    div = ET.SubElement(content, f"{{{XHTML}}}div")
    _para(div, byline(story))
    follows = follow_up_line(story)
    if follows:
        strong = ET.SubElement(ET.SubElement(div, f"{{{XHTML}}}p"), f"{{{XHTML}}}strong")
        strong.text = follows
    if story.summary:
        items = ET.SubElement(div, f"{{{XHTML}}}ul")
        for sentence in story.summary:
            ET.SubElement(items, f"{{{XHTML}}}li").text = safe(sentence)
    if story.quote is not None:
        quote = ET.SubElement(div, f"{{{XHTML}}}blockquote")
        quote.text = f"“{safe(quote_text(story.quote))}” — {speaker(story)}"
    if story.actors:
        _para(div, f"Who: {actor_list(story)}")
    for mention in story.mentions[1:]:
        paragraph = ET.SubElement(div, f"{{{XHTML}}}p")
        paragraph.text = f"Also: {safe(mention.source)}: "
        href = web_link(mention.link)
        if href:
            anchor = ET.SubElement(paragraph, f"{{{XHTML}}}a", href=href)
            anchor.text = safe(mention.title or mention.link)
        else:
            paragraph.text += safe(mention.title)
    for note in story.notes:
        _para(div, f"({safe(note)})")
    return entry


def rfc3339(stamp: str | None) -> str | None:
    """An ISO 8601 stamp as Atom's date-time (a time and an offset are
    required): a bare date becomes midnight UTC, a naive time UTC."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def _fallback_id(story: Story) -> str:
    """A story not remembered by a state (a library caller's roundup): an id
    from its link or title, stable for the same story."""
    return hashlib.sha256((story.link or story.title).encode()).hexdigest()[:16]


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _para(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, f"{{{XHTML}}}p").text = text
