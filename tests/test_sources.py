import io

import pytest

from newsum.errors import (
    BinaryInput,
    EmptyInput,
    InputTooLarge,
    SourceIsDirectory,
    SourceNotFound,
    UndecodableInput,
    UnsupportedSource,
)
from newsum.sources import decode, read_bytes, read_source


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
    [(b"%PDF-1.7 ...", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\x1f\x8b\x08\x00", "gzip"), (b"abc\x00\x01\x02def", "binary")],
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


def test_urls_are_refused_clearly_for_now():
    with pytest.raises(UnsupportedSource, match="URLs are not supported yet"):
        read_source("https://example.org/news")
