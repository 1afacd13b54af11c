import pytest

from newsum.errors import NoArticleText
from newsum.extract.html import choose_date, extract_html, read_page_metadata, strip_site_suffix

BODY = "".join(
    f"<p>The city council on {day} approved a budget that raises spending on buses, schools and parks across the city.</p>"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday")
)


def page(head: str = "", body: str = BODY, lang: str = "en") -> str:
    return f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body><nav>Home | News | Sport</nav><article>{body}</article><footer>© Daily Bugle</footer></body></html>"


JSON_LD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Daily Bugle"},
  {"@type": "NewsArticle", "headline": "Council approves budget &amp; parks plan | Daily Bugle",
   "datePublished": "2024-03-05T23:30:00-05:00", "author": [{"@type": "Person", "name": "Jane Smith"}, {"name": "Bo Chen"}],
   "publisher": {"@type": "Organization", "name": "Daily Bugle"}}]}</script>"""


def test_structured_metadata_comes_first():
    article = extract_html(
        page(JSON_LD + "<title>Something else entirely | Daily Bugle</title>"), "p.html", "https://bugle.example/news/1"
    )
    meta = article.meta
    assert meta.title == "Council approves budget & parks plan"
    assert meta.authors == ["Jane Smith", "Bo Chen"]
    assert meta.published == "2024-03-05T23:30:00-05:00"  # the page's own day, not shifted to UTC
    assert meta.site_name == "Daily Bugle"
    assert meta.url == "https://bugle.example/news/1"
    assert "Home | News" not in article.text and "©" not in article.text
    assert article.text.count("\n\n") == 3


def test_title_from_h1_agreeing_with_og_title_and_language_from_html_lang():
    head = "<meta property='og:title' content='Rates rise again - Tagesblatt'><title>Tagesblatt</title>"
    article = extract_html(page(head, "<h1>Rates rise again</h1>" + BODY, lang="de-DE"), "p")
    assert article.meta.title == "Rates rise again"
    assert article.meta.language == "german"
    assert not article.text.startswith("Rates rise again")  # the headline is not story text
    assert extract_html(page(head, BODY, lang="de"), "p", language="english").meta.language == "english"


def test_blog_name_in_h1_is_not_the_headline():
    head = "<title>Progress Report #39</title>"
    body = "<h1>Antoyo's Blog</h1><h2>Progress Report #39</h2>" + BODY
    assert extract_html(page(head, body), "p", "https://blog.antoyo.xyz/report-39").meta.title == "Progress Report #39"


@pytest.mark.parametrize(
    "title, site, url, expected",
    [
        ("Russia softens tone | Reuters", "Reuters", None, "Russia softens tone"),
        (
            "Defer, Panic, and Recover - The Go Programming Language",
            None,
            None,
            "Defer, Panic, and Recover - The Go Programming Language",
        ),
        (
            "Event Management Process: 7 Steps | Accruent",
            None,
            "https://www.accruent.com/x",
            "Event Management Process: 7 Steps",
        ),
        ("A long headline about the budget vote - BBC News", None, None, "A long headline about the budget vote"),
        ("No separator here", "Site", None, "No separator here"),
    ],
)
def test_strip_site_suffix(title, site, url, expected):
    assert strip_site_suffix(title, site, url) == expected


def test_dates_declared_and_found():
    from lxml import html

    class Found:
        def __init__(self, date):
            self.date = date

    declared = read_page_metadata(
        html.document_fromstring(
            "<html><head><meta property='article:published_time' content='2019-11-20T01:00:00+01:00'></head><body></body></html>"
        )
    )
    assert (
        choose_date(declared, Found("2019-11-19")) == "2019-11-20T01:00:00+01:00"
    )  # a time-zone day apart: declared wins
    assert choose_date(declared, Found("2025-11-25")) == "2025-11-25"  # far apart: a stale template value
    assert choose_date(declared, Found(None)) == "2019-11-20T01:00:00+01:00"


def test_page_without_article_text():
    with pytest.raises(NoArticleText, match="no article found"):
        extract_html("<html><body><nav>Home</nav></body></html>", "empty.html")


def test_an_updated_date_gives_way_to_the_original():
    from lxml import html

    class Found:
        date = "2024-10-28"

    tree = html.document_fromstring(
        "<html><body><p>Updated on: October 28, 2024</p><time class='entry-time'>April 26, 2024</time></body></html>"
    )
    assert choose_date(read_page_metadata(tree), Found(), tree) == "2024-04-26"
    plain = html.document_fromstring("<html><body><time>April 26, 2024</time></body></html>")
    assert choose_date(read_page_metadata(plain), Found(), plain) == "2024-10-28"


def test_a_wire_dateline_in_html_goes_to_the_metadata_and_headings_are_labels():
    story = (
        "Rafael Nadal kept Spain's hopes alive, then Marcel Granollers and Feliciano Lopez completed the "
        "comeback in the decisive doubles match to give the hosts a 2-1 win over Russia in Madrid."
    )
    page = (
        "<html lang='en'><head><title>Nadal keeps Spain alive</title></head><body><article>"
        "<h1>Nadal keeps Spain alive</h1>"
        f"<p>MADRID — {story}</p>"
        "<h2>US Falls</h2>"
        "<p>The United States lost to Canada for the first time in the Davis Cup after Vasek Pospisil "
        "edged Reilly Opelka in two tie-breaks on a long night in the Spanish capital.</p>"
        "</article></body></html>"
    )
    article = extract_html(page, "page.html")
    assert article.meta.dateline == "MADRID"
    assert article.text.startswith("Rafael Nadal kept")
    assert [article.text[s:e] for s, e in article.labels] == ["US Falls"]


def test_an_upper_case_kicker_is_no_dateline():
    page = (
        "<html><body><article><p>UPDATE: The United States lost to Canada for the first time in the Davis Cup "
        "after Vasek Pospisil edged Reilly Opelka in two tie-breaks on a long night.</p></article></body></html>"
    )
    article = extract_html(page, "page.html")
    assert article.meta.dateline is None
    assert article.text.startswith("UPDATE:")


def test_meta_tags_are_matched_without_case_first_non_blank_and_by_attribute_order():
    from lxml import html

    page = read_page_metadata(
        html.document_fromstring(
            "<html><head>"
            "<meta NAME='Author' content='  '>"  # blank: passed over
            "<meta name='AUTHOR' content='Jane Doe'>"
            "<meta name='author' content='John Roe'>"  # a later one: the first wins
            "<meta name='og:site_name' content='By Name'>"
            "<meta property='OG:SITE_NAME' content='By Property'>"  # property outranks name
            "</head><body></body></html>"
        )
    )
    assert page.authors == ["Jane Doe"]
    assert page.site_name == "By Property"


def test_one_parse_serves_metadata_and_both_extraction_passes(monkeypatch):
    """The page is parsed once (as trafilatura parses it); trafilatura gets that tree."""
    import trafilatura.utils

    import newsum.extract.html as extraction

    parsed: list[object] = []
    real = trafilatura.utils.load_html

    def counting(content, *args, **kwargs):
        parsed.append(type(content).__name__)
        return real(content, *args, **kwargs)

    import trafilatura.core

    monkeypatch.setattr(trafilatura.utils, "load_html", counting)
    monkeypatch.setattr(trafilatura.core, "load_html", counting)
    monkeypatch.setattr(extraction, "_parse", lambda html: pytest.fail("parsed a second time"))
    body = "".join(f"<p>Paragraph {i} of the story says something new about the council vote.</p>" for i in range(12))
    article = extract_html(
        f"<html lang='en'><head><title>Vote</title></head><body><article>{body}</article></body></html>", "p.html"
    )
    assert "Paragraph 11" in article.text
    assert parsed[0] == "str"  # the one parse of the markup
    assert len(parsed) > 1 and "str" not in parsed[1:]  # trafilatura reads that tree
