import pytest

from newsum.errors import NoArticleText
from newsum.extract.article import extract_article
from newsum.extract.dates import parse_date
from newsum.extract.plain import clean_text, parse_byline


def test_sample_header_is_recognised(sample_text):
    article = extract_article(sample_text, "sample")
    meta = article.meta
    assert meta.title == "'We don't want wars': Russia softens tone on Ukraine, weighs US answers"
    assert meta.authors == ["Vladimir Soldatkin", "Alexander Marrow"]
    assert meta.byline == "Vladimir Soldatkin and Alexander Marrow, Reuters"
    assert meta.published == "2022-01-28T19:29:48+06:00"


def test_sample_banner_caption_and_header_are_not_story(sample_text):
    text = extract_article(sample_text, "sample").text
    assert text.startswith("Russia on Friday sent its strongest signal")
    for furniture in ("subscribe", "Soldatkin", "Published", "Service members", "REUTERS", "We don't want wars':"):
        assert furniture not in text
    assert text.rstrip().endswith("possible sanctions against Russia.")


def test_markdown_title_links_and_emphasis():
    md = "# Rates rise again\n\n*By Jane Smith*\n\nThe central bank raised [interest rates](https://x.y/z) for the **third** time this year on Tuesday, citing inflation.\n\n## Reaction\n\nMarkets fell sharply after the decision was announced by the bank's governor."
    article = extract_article(md, "md")
    assert article.meta.title == "Rates rise again"
    assert article.meta.authors == ["Jane Smith"]
    assert "[interest rates]" not in article.text and "interest rates" in article.text
    assert "**" not in article.text
    assert "Reaction" not in article.text


def test_dateline_moves_to_metadata():
    article = extract_article(
        "MOSCOW (Reuters) - Russia on Friday sent its strongest signal so far that it is willing to engage.", "d"
    )
    assert article.meta.dateline == "MOSCOW"
    assert article.text.startswith("Russia on Friday")


def test_plain_story_without_header():
    text = "The council approved the new budget on Monday after a long debate about school funding and roads."
    article = extract_article(text, "p")
    assert article.meta.title is None
    assert article.text == text


@pytest.mark.parametrize("text", ["1234 5678 9999", "!!! ??? ...", "---\n\n***"])
def test_no_sentences_is_an_error(text):
    with pytest.raises(NoArticleText, match="no article text"):
        extract_article(text, "x")


def test_clean_text_removes_escapes_and_controls():
    assert clean_text("a\x1b[31mred\x1b[0m\x07b\r\nc") == "aredb\nc"


@pytest.mark.parametrize(
    "line, authors",
    [
        ("By Jane Smith", ["Jane Smith"]),
        ("Vladimir Soldatkin and Alexander Marrow, Reuters", ["Vladimir Soldatkin", "Alexander Marrow"]),
        ("By Ann Lee, Bo Chen and Cy Twombly", ["Ann Lee", "Bo Chen", "Cy Twombly"]),
    ],
)
def test_bylines(line, authors):
    assert parse_byline(line)[0] == authors


@pytest.mark.parametrize(
    "line", ["Russia softens tone on Ukraine.", "By the way this is a sentence that goes on and on"]
)
def test_not_bylines(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2022-01-28 19:29:48 BdST", "2022-01-28T19:29:48+06:00"),
        ("2022-01-28", "2022-01-28"),
        ("28 January 2022", "2022-01-28"),
        ("Jan. 28, 2022 7:05 pm EST", "2022-01-28T19:05:00-05:00"),
        ("no date here", None),
    ],
)
def test_dates(text, iso):
    assert parse_date(text) == iso


def test_story_sentences_with_banner_words_are_kept():
    text = (
        "Ad sales fall\n\n"
        "The company's advertising revenue fell sharply as readers refused to accept cookies and subscribe.\n\n"
        "The minister, pictured with his wife, said the newsletter business would be sold next year.\n\n"
        "Reporting by Jane Smith; Editing by Tom Jones"
    )
    article = extract_article(text, "x")
    assert article.meta.title == "Ad sales fall"
    assert "advertising revenue" in article.text and "pictured with his wife" in article.text
    assert "Reporting by" not in article.text


def test_html_goes_to_the_html_extractor():
    page = (
        "<!-- saved page --><!DOCTYPE html><html lang='en'><head><title>Rates rise | Daily Bugle</title></head>"
        "<body><nav>Home News Sport</nav><article><h1>Rates rise</h1>"
        + "".join(
            f"<p>The central bank raised rates for the {n} time this year, citing inflation and wages.</p>"
            for n in ("first", "second", "third", "fourth", "fifth")
        )
        + "</article><footer>Copyright Daily Bugle</footer></body></html>"
    )
    article = extract_article(page, "page.html")
    assert article.meta.title == "Rates rise"
    assert article.text.startswith("The central bank raised rates for the first time")
    assert "Copyright" not in article.text and "Home News" not in article.text


def test_windows_line_endings(sample_text):
    article = extract_article(sample_text.replace("\n", "\r\n"), "crlf")
    assert article.meta.authors == ["Vladimir Soldatkin", "Alexander Marrow"]
    assert "\r" not in article.text


def test_short_story_paragraphs_are_story_not_header():
    text = "Man held over theft\n\nPolice arrested a man on Monday.\n\nHe was charged with theft at the shop.\n\nHe will appear in court on Friday morning."
    article = extract_article(text, "x")
    assert article.meta.title == "Man held over theft"
    assert article.text.startswith("Police arrested a man on Monday.")
