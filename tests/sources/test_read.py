import io

import pytest

from newsum.errors import (
    BinaryInput,
    EmptyInput,
    HTTPError,
    InputTooLarge,
    SourceIsDirectory,
    SourceNotFound,
    UndecodableInput,
    UnsupportedSource,
)
from newsum.sources.decode import codec_for_label, decode, decode_html, is_html
from newsum.sources.fetch import FetchOptions
from newsum.sources.read import read_bytes, read_source


def test_reads_utf8_file_and_strips_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffCafé story.".encode("utf-8"))
    source = read_source(str(path))
    assert source.text == "Café story."
    assert source.encoding == "utf-8"


def test_utf16_with_bom_is_text_not_binary():
    assert decode("Hello there.".encode("utf-16"), "x").text == "Hello there."


def test_missing_file(tmp_path):
    with pytest.raises(SourceNotFound, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))


def test_directory(tmp_path):
    with pytest.raises(SourceIsDirectory, match="directory"):
        read_source(str(tmp_path))


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty(data):
    with pytest.raises(EmptyInput, match="empty"):
        decode(data, "x")


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.7 ...", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"abc\x00\x01\x02def", "binary"),
    ],
)
def test_binary_is_named(data, kind):
    with pytest.raises(BinaryInput, match=kind):
        decode(data, "x")


def test_undecodable_bytes_say_what_to_do():
    with pytest.raises(UndecodableInput, match=r"not valid UTF-8 \(byte 0xe9 at offset 3\); pass --encoding"):
        decode("Caf\u00e9".encode("cp1252"), "x")


def test_explicit_encoding():
    assert decode("Caf\u00e9".encode("cp1252"), "x", "cp1252").text == "Café"
    with pytest.raises(UndecodableInput, match="unknown encoding"):
        decode(b"abc", "x", "no-such-codec")


def test_size_cap_reads_no_more_than_needed():
    stream = io.BytesIO(b"x" * 1000)
    with pytest.raises(InputTooLarge, match="--max-bytes"):
        read_bytes("-", max_bytes=100, stdin=stream)
    assert stream.tell() == 101


# --- sources that are URLs, and what is not one --------------------------------

FAST = FetchOptions(timeout=2, read_timeout=0.5, backoff=0.01)


@pytest.mark.parametrize("source", ["ftp://example.org/news.html", "file:///tmp/news.html", "gopher://x/"])
def test_only_http_and_https_urls(source):
    with pytest.raises(UnsupportedSource) as info:
        read_source(source)
    assert info.value.message.startswith("only http and https URLs are supported")
    assert info.value.source == source


def test_a_host_name_without_scheme_is_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceNotFound) as info:
        read_source("www.example.com/news")
    assert info.value.message == "no such file (for a web page, give the full URL: https://www.example.com/news)"


def test_read_bytes_leaves_urls_to_read_source():
    with pytest.raises(UnsupportedSource, match="read_source"):
        read_bytes("https://example.org/news")


def test_a_fetched_html_page(http_server):
    from http_server import ARTICLE_HTML

    url = http_server.url("/redirect/2")
    source = read_source(url, fetch_options=FAST)
    assert (source.name, source.kind, source.encoding) == (url, "html", "utf-8")
    assert source.url == http_server.url("/article")
    assert source.text == ARTICLE_HTML.decode("utf-8")


@pytest.mark.parametrize(
    "path, encoding, phrase",
    [
        ("/cp1251", "cp1251", "Правительство Москвы в пятницу объявило о новом бюджете города."),
        ("/sjis", "cp932", "東京都は金曜日、新しい予算を発表した。"),
        ("/utf8-bare", "utf-8", "Zürich — «quoted» 東京"),
        ("/header-wins", "cp1251", "Правительство Москвы"),
    ],
)
def test_fetched_pages_in_other_encodings(http_server, path, encoding, phrase):
    source = read_source(http_server.url(path), fetch_options=FAST)
    assert (source.kind, source.encoding) == ("html", encoding)
    assert phrase in source.text
    assert "\ufffd" not in source.text


def test_a_fetched_text_page(http_server):
    source = read_source(http_server.url("/text"), fetch_options=FAST)
    assert (source.kind, source.encoding, source.url) == ("text", "utf-8", http_server.url("/text"))
    assert source.text.startswith("Council approves new budget")


def test_a_text_page_uses_its_declared_charset(http_server):
    source = read_source(http_server.url("/text-latin1"), fetch_options=FAST)
    assert source.encoding == "cp1252"  # ISO-8859-1 as browsers read it: curly quotes included
    assert source.text == "Café owners “welcome” the plan.\n"


def test_a_sniffed_html_page_is_html(http_server):
    assert read_source(http_server.url("/octet-html"), fetch_options=FAST).kind == "html"


def test_fetch_errors_carry_the_url(http_server):
    url = http_server.url("/status/404?key=sources")
    with pytest.raises(HTTPError) as info:
        read_source(url, fetch_options=FAST)
    assert str(info.value) == f"{url}: HTTP 404 Not Found (check the URL)"


def test_max_bytes_caps_pages_too(http_server):
    options = FetchOptions(timeout=5, read_timeout=2, max_bytes=1 << 30)
    with pytest.raises(InputTooLarge) as info:
        read_source(http_server.url("/endless"), max_bytes=1024 * 1024, fetch_options=options)
    assert info.value.message == "page is larger than 1 MB; raise the limit with --max-bytes"


# --- HTML files and stdin ------------------------------------------------------


def test_an_html_file_is_decoded_as_html(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes('<html><head><meta charset="windows-1251"></head><body>Новости дня</body></html>'.encode("cp1251"))
    source = read_source(str(path))
    assert (source.kind, source.encoding, source.url) == ("html", "cp1251", None)
    assert "Новости дня" in source.text


def test_html_on_stdin_is_decoded_as_html():
    source = read_source("-", data=b"<!doctype html><title>Hi</title><p>Caf\xc3\xa9</p>")
    assert (source.name, source.kind, source.text) == ("<stdin>", "html", "<!doctype html><title>Hi</title><p>Café</p>")


def test_text_files_stay_strict_utf8(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Caf\u00e9 story.".encode("cp1252"))
    with pytest.raises(UndecodableInput, match="pass --encoding"):
        read_source(str(path))


# --- decode_html ---------------------------------------------------------------

CP1251_META = '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>Москва</body></html>'
SJIS_META = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head>'
    "<body>東京の天気</body></html>"
)


def test_meta_charset_alone_decodes_cp1251():
    source = decode_html(CP1251_META.encode("cp1251"), "x")
    assert (source.text, source.encoding, source.kind) == (CP1251_META, "cp1251", "html")


def test_meta_http_equiv_alone_decodes_shift_jis():
    source = decode_html(SJIS_META.encode("shift_jis"), "x")
    assert (source.text, source.encoding) == (SJIS_META, "cp932")


def test_header_charset_beats_meta():
    page = '<html><head><meta charset="utf-8"></head><body>Москва</body></html>'
    assert decode_html(page.encode("koi8-r"), "x", header_charset="KOI8-R").text == page


def test_bom_beats_header_and_meta():
    page = '<html><head><meta charset="windows-1251"></head><body>Zürich 東京</body></html>'
    source = decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"), "x", header_charset="iso-8859-1")
    assert (source.text, source.encoding) == (page, "utf-8")
    assert decode_html(page.encode("utf-16"), "x", header_charset="iso-8859-1").text == page


def test_explicit_encoding_beats_everything():
    page = '<html><head><meta charset="utf-8"></head><body>Москва</body></html>'
    source = decode_html(page.encode("cp1251"), "x", header_charset="utf-8", encoding="cp1251")
    assert (source.text, source.encoding) == (page, "cp1251")
    with pytest.raises(UndecodableInput, match="unknown encoding"):
        decode_html(b"<html>x</html>", "x", encoding="no-such-codec")


def test_undeclared_utf8_is_not_mojibake():
    page = "<html><body><p>Zürich — «quoted» 東京</p></body></html>"
    assert decode_html(page.encode("utf-8"), "x").text == page


def test_undeclared_legacy_encoding_is_detected():
    page = (
        "<html><head><title>Новости</title></head><body><p>Правительство Москвы в пятницу объявило о новом "
        "бюджете города на следующий год. Расходы на транспорт и здравоохранение вырастут.</p></body></html>"
    )
    source = decode_html(page.encode("cp1251"), "x")
    assert (source.text, source.encoding) == (page, "cp1251")


def test_an_unknown_label_falls_through_to_the_next_clue():
    source = decode_html(CP1251_META.encode("cp1251"), "x", header_charset="x-no-such-charset")
    assert (source.text, source.encoding) == (CP1251_META, "cp1251")


def test_latin1_label_means_windows_1252():
    page = '<html><head><meta charset="ISO-8859-1"></head><body>“Quoted” café</body></html>'
    assert decode_html(page.encode("cp1252"), "x").text == page


def test_a_meta_claiming_utf16_means_utf8():
    page = '<html><head><meta charset="utf-16"></head><body>Zürich</body></html>'
    assert decode_html(page.encode("utf-8"), "x").encoding == "utf-8"


def test_a_wrong_utf8_declaration_is_corrected_and_said():
    """Latin-1 bytes declared UTF-8 (no valid UTF-8 sequence at all): read as
    windows-1252 with a warning, not as U+FFFD."""
    source = decode_html(b"<html><body>Caf\xe9 au lait</body></html>", "x", header_charset="utf-8")
    assert source.text == "<html><body>Caf\u00e9 au lait</body></html>"
    assert source.warning == (
        "the page declares charset utf-8 (in its HTTP header) but its bytes are not; read as cp1252, which gives clean text"
    )


def test_one_stray_byte_in_a_utf8_page_stays_one_replacement():
    """Like a browser: a UTF-8 page with one bad byte is still UTF-8."""
    source = decode_html(
        "<html><body>Zürich \xff Genève</body></html>".encode("latin-1")
        .replace(b"\xfc", "ü".encode())
        .replace(b"\xe8", "è".encode()),
        "x",
        header_charset="utf-8",
    )
    assert source.text == "<html><body>Zürich \ufffd Genève</body></html>" and source.warning is None


def test_a_legacy_declaration_on_utf8_bytes_is_corrected():
    """UTF-8 bytes declared ISO-8859-1 would give mojibake ("ZÃ¼rich")."""
    page = "<html><head><title>Zürich</title></head><body>Müller</body></html>".encode()
    source = decode_html(page, "x", header_charset="ISO-8859-1")
    assert "Zürich" in source.text and "Müller" in source.text
    assert source.warning and "ISO-8859-1" in source.warning and "read as UTF-8" in source.warning


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_recognised(codec):
    text = "Café owners “welcome” the plan, the mayor of Zürich said on Tuesday.\n" * 3
    source = decode(text.encode(codec), "x")
    assert (source.text, source.encoding) == (text, codec)


@pytest.mark.parametrize("data, error", [(b"", EmptyInput), (b" \n ", EmptyInput), (b"%PDF-1.4 <html>", BinaryInput)])
def test_decode_html_rejects_empty_and_binary(data, error):
    with pytest.raises(error):
        decode_html(data, "x")


@pytest.mark.parametrize(
    "label, codec",
    [
        ("utf-8", "utf-8"),
        ('"UTF8"', "utf-8"),
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("x-sjis", "cp932"),
        ("EUC-KR", "cp949"),
        ("gb2312", "gb18030"),
        ("windows-1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("no-such-charset", None),
        ("base64", None),
        ("utf-7", None),
        ("", None),
        (None, None),
    ],
)
def test_codec_for_label(label, codec):
    assert codec_for_label(label) == codec


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"\xef\xbb\xbf\n  <!doctype HTML>",
        b"<!-- saved from url=(0031)https://example.org/ -->\n<html lang=en>",
        b"<?xml version='1.0'?><!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN'><html>",
        b"<html>",
        b"<HEAD><title>x</title>",
        b"<body class='a'>",
        b'<meta charset="utf-8"><p>x</p>',
        b"<title>News</title><p>x</p>",
        b'<link rel="stylesheet" href="a.css"><meta name="x" content="y">',
        "<html><body>x</body></html>".encode("utf-16"),
    ],
)
def test_is_html(data):
    assert is_html(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Council approves new budget\n\nThe city council met.",
        b"# Title\n\nSome <b>bold</b> Markdown, and a <title> mentioned later.",
        b"<header>not a document</header>",
        b"<p>A paragraph with no head, meta or title.</p>",
        b"%PDF-1.7",
    ],
)
def test_is_not_html(data):
    assert not is_html(data)
