"""Finding the article in plain text or Markdown: headline, byline, date, story.

Text copied from a news page carries the page around the story: subscribe
banners, the headline, a byline, a "Published:" line, photo captions with an
agency credit, a dateline in front of the first paragraph. Each of those is
recognised by its shape, moved into the metadata or dropped, so the summary,
quotes and actors only ever see the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsum.errors import NoArticleText
from newsum.extract.dates import MONTH_RE, parse_date
from newsum.model import Article, ArticleMeta
from newsum.sanitize import clean

# Page furniture that is never part of a story, wherever it appears.
_BANNER = re.compile(
    r"\b(subscribe (to|now|for|today)|your preferences|sign up (for|to|now)|sign in|log in|"
    r"newsletter|(accept|use of|we use) (all )?cookies|^advertisement$|click here|read more|"
    r"share this (article|story|page)|follow us on|all rights reserved|terms of (use|service)|"
    r"privacy policy|story continues|download (our|the) app|skip to (main )?content)\b",
    re.IGNORECASE,
)
_MAX_BANNER_WORDS = 12
# Wire-copy credits at the foot of a story: "Reporting by …; Editing by …".
_CREDITS = re.compile(r"^\(?\s*(additional )?(reporting|writing|editing|compiled|produced) by\b", re.IGNORECASE)
# A photo credit that ends a caption: "... Ukrainian Defence Ministry/ REUTERS",
# "(Photo: AFP)", "Getty Images", "File photo".
_CAPTION_CREDIT = re.compile(
    r"(/\s*(REUTERS|AFP|AP|EPA|ANADOLU|XINHUA|[A-Z][A-Z .'-]{2,})\s*$)|"
    r"(\b(REUTERS|AFP|AP Photo|EPA|Getty Images|Shutterstock|Bloomberg)\s*$)|"
    r"(\(\s*(Photo|Image|Picture|Credit)\s*:[^)]*\)\s*$)|"
    r"(^(Photo|Image|Picture|File photo|FILE PHOTO)\s*[:|-])",
)
_CAPTION_CUE = re.compile(
    r"\b(handout (picture|photo|image)|file (picture|photo)|in this (picture|photo|image)|"
    r"photo taken|seen in (a|this) (picture|photo))\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^\s*(published|updated|posted|last updated|first published|date)\s*(on|at)?\s*[:\-]?\s*",
    re.IGNORECASE,
)
_AGENCIES = (
    "Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|CNN|BBC|UPI|DPA|"
    "Xinhua|TASS|Interfax|ANI|PTI|IANS|Yonhap|Kyodo|bdnews24\\.com|The Guardian|"
    "The New York Times|The Washington Post|The Associated Press"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|al|bin|la|le))*"
_BYLINE = re.compile(
    r"^(?:[Bb][Yy]:?\s+)?(?P<names>" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*)"
    r"(?:\s*[,|/–—-]\s*(?P<agency>(?:" + _AGENCIES + r")|[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,3}))?$",
)
# Datelines open the first paragraph of wire copy: "MOSCOW (Reuters) - ",
# "WASHINGTON, Jan 28 (Reuters) -", "LONDON — ".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .]{1,30})?)"
    r"(?:,?\s*(?:" + MONTH_RE + r"\s+\d{1,2}))?\s*"
    r"(?:\((?:" + _AGENCIES + r")\)\s*)?[-–—―:]+\s+",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_(?=\w)|(?<=\w)_(?!\w))")
_LEADING_JUNK = re.compile(r"^[\s•·*>»|–—-]+")

# Story paragraphs are prose: enough words, ending like a sentence.
_MIN_STORY_WORDS = 12
_MAX_HEADLINE_WORDS = 30


@dataclass
class _Block:
    text: str
    heading: bool = False


def clean_text(text: str) -> str:
    """Line endings, escape sequences and control characters out before anything
    else (`newsum.sanitize.clean`): article text is printed to terminals later
    and must not be able to style them."""
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", ""))
    return text.replace("\u00a0", " ").replace("\t", " ")


def extract_text(text: str, source: str, language: str = "english") -> Article:
    """Split header furniture from the story and return the story as the article."""
    blocks = _blocks(clean_text(text))
    meta = ArticleMeta(source=source, language=language)
    story: list[str] = []
    in_header = True
    if len(blocks) > 1 and len(blocks[0].text.split()) <= _MAX_HEADLINE_WORDS and _has_dateline(blocks[1].text):
        # A sentence-case headline with a full stop, recognisable by the wire
        # dateline that opens the story right after it.
        meta.title = blocks[0].text.rstrip(".")
        blocks = blocks[1:]
    for block in blocks:
        line = block.text
        if _is_furniture(line):
            continue
        if _is_caption(line):
            continue
        if in_header and not story:
            if block.heading and meta.title is None:
                meta.title = line
                continue
            if _take_header_line(line, meta):
                continue
            if meta.title is None and _title_case(line):
                meta.title = line.rstrip(".")
                continue
            if _is_story_paragraph(line):
                in_header = False
            elif block.heading or len(line.split()) <= _MAX_HEADLINE_WORDS:
                # A short line before the story that nothing else claimed: the
                # headline if we have none yet, else a standfirst we keep out.
                if meta.title is None:
                    meta.title = line
                continue
        if block.heading:
            continue  # section headings are not prose to summarise
        story.append(line)
    if story:
        story[0] = strip_dateline(story[0], meta)
    body = "\n\n".join(p for p in story if p)
    if not _has_sentences(body):
        raise NoArticleText("no article text found (no sentences of prose)", source)
    return Article(meta=meta, text=body)


def _blocks(text: str) -> list[_Block]:
    """Paragraphs, except that the short lines of a header are blocks of their own.

    A scraped header often puts headline, byline and date on consecutive lines
    with no blank line between them; story paragraphs may be hard-wrapped.
    """
    blocks: list[_Block] = []
    for raw in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in raw.split("\n") if line.strip()]
        if not lines:
            continue
        heading_lines = [_MARKDOWN_HEADING.match(line) for line in lines]
        short = all(len(line.split()) <= _MAX_HEADLINE_WORDS and not line.endswith(".") for line in lines)
        if len(lines) > 1 and (short or any(heading_lines)):
            for line, heading in zip(lines, heading_lines, strict=False):
                blocks.append(_block(line, heading))
        else:
            joined = " ".join(lines)
            blocks.append(_block(joined, heading_lines[0] if len(lines) == 1 else None))
    return blocks


def _block(line: str, heading: re.Match[str] | None) -> _Block:
    if heading:
        line = heading.group(2)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _MARKDOWN_EMPHASIS.sub("", line).strip()
    return _Block(text=line, heading=heading is not None)


def _take_header_line(line: str, meta: ArticleMeta) -> bool:
    """Consume a byline or a date line into ``meta``; True if it was one."""
    date_match = _DATE_LABEL.match(line)
    if date_match:
        published = parse_date(line[date_match.end() :])
        if published:
            meta.published = meta.published or published
            return True
    stripped = _LEADING_JUNK.sub("", line).strip()
    if len(stripped.split()) <= 4 and parse_date(stripped) and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", stripped):
        meta.published = meta.published or parse_date(stripped)
        return True
    if meta.byline is None and (meta.title is not None or stripped.lower().startswith("by ")):
        authors = parse_byline(stripped)
        if authors is not None:
            meta.byline = stripped
            meta.authors = authors[0]
            return True
    return False


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """``(authors, agency)`` when the line has the shape of a byline, else None.

    Prefers missing a byline to inventing one: every name must be two to four
    capitalised words, and the whole line must be names and an agency.
    """
    if len(line.split()) > 20 or line.endswith((".", "?", "!")):
        return None
    match = _BYLINE.match(line)
    if not match:
        return None
    names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names")) if n.strip()]
    agency = match.group("agency")
    if not names:
        return None
    authors = []
    for name in names:
        parts = name.split()
        if re.fullmatch(_AGENCIES, name):
            agency = agency or name
            continue
        if not 2 <= len(parts) <= 4:
            return None
        authors.append(name)
    if not authors:
        return None
    return authors, agency


def _title_case(line: str) -> bool:
    """ "Stealth Over Health: Clinton Was Headed to ER." is a headline even with a
    full stop: most of its longer words are capitalised, as no story sentence's are."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    if len(words) < 3 or len(line.split()) > _MAX_HEADLINE_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _is_story_paragraph(line: str) -> bool:
    """Headlines rarely end with a full stop; story sentences do, even short ones."""
    end = line.rstrip("\"'”’)")
    n_words = len(line.split())
    if end.endswith(".") and not end.endswith("...") and n_words >= 5:
        return True
    return n_words >= _MIN_STORY_WORDS and end.endswith((".", "!", "?", ":"))


def _is_furniture(line: str) -> bool:
    """Banners and credits: short lines of page chrome, never story prose."""
    return len(line.split()) <= _MAX_BANNER_WORDS and bool(_BANNER.search(line) or _CREDITS.search(line))


def _is_caption(line: str) -> bool:
    if len(line.split()) > 80:
        return False
    if _CAPTION_CREDIT.search(line):
        return True
    return bool(_CAPTION_CUE.search(line)) and len(line.split()) < 40


def _dateline(paragraph: str) -> re.Match[str] | None:
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip(" ,")
    # A dateline place is upper case ("MOSCOW") or wire style ("Moscow (Reuters) -").
    if not (place.split(",")[0].isupper() or "(" in match.group(0)):
        return None
    return match


def _has_dateline(paragraph: str) -> bool:
    return _dateline(paragraph) is not None


def strip_dateline(paragraph: str, meta: ArticleMeta) -> str:
    """The paragraph without its wire dateline ("MADRID —", "MOSCOW (Reuters) -"),
    which goes to ``meta.dateline``. The HTML extractor uses it too."""
    match = _dateline(paragraph)
    if not match:
        return paragraph
    meta.dateline = match.group("place").strip(" ,")
    return paragraph[match.end() :]


def _has_sentences(body: str) -> bool:
    return any(len(re.findall(r"[^\W\d_]{2,}", line)) >= 3 for line in body.split("\n"))
