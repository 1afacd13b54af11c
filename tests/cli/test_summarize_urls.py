"""`newsum summarize URL` end to end: a real process against the test server.

Every server case ends with its documented exit code and exactly one stderr
line, never a traceback (fetch-level details are in test_fetch.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from http_server import ARTICLE_TITLE, JAPANESE, RUSSIAN, UTF8_PHRASE

FAST = ["--timeout", "1.5", "--max-bytes", "1000000"]


def newsum(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsum", "summarize", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "path, text",
    [
        ("/article", "approved a budget"),
        ("/redirect/3", "approved a budget"),
        ("/gzip", "approved a budget"),
        ("/brotli", "approved a budget"),
        ("/cp1251", RUSSIAN),
        ("/sjis", JAPANESE),
        ("/utf8_bare", UTF8_PHRASE),
        ("/text", "approved a budget"),
    ],
)
def test_pages_are_digested(http_server, path, text):
    result = newsum(http_server.url(path), "--format", "json", *FAST)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert text in data["article"]["text"]
    assert data["source"] == http_server.url(path)


def test_article_page_metadata(http_server):
    data = json.loads(newsum(http_server.url("/redirect/2"), "-f", "json", *FAST).stdout)
    assert data["article"]["title"] == ARTICLE_TITLE
    assert data["article"]["url"] == http_server.url("/article")


@pytest.mark.parametrize(
    "path, message",
    [
        ("/loop/a", "too many redirects (more than 10)"),
        ("/status/403", "HTTP 403 Forbidden (try --user-agent, or save the page and pass the file)"),
        ("/status/404", "HTTP 404 Not Found (check the URL)"),
        ("/status/429", "HTTP 429 Too Many Requests (the site is rate-limiting; try later)"),
        ("/status/500?key=cli", "HTTP 500 Internal Server Error (the server failed; try later)"),
        ("/status/503?key=cli", "HTTP 503 Service Unavailable (the server failed; try later)"),
        ("/slow", "no complete response within 1.5 s; raise --timeout or try later"),
        ("/trickle", "no complete response within 1.5 s"),
        ("/endless", "page is larger than"),
        ("/gzip_bomb", "page is larger than"),
        ("/pdf", "this is a PDF document (application/pdf), not an article"),
        ("/image", "not an article"),
        ("/empty", "the page is empty"),
    ],
)
def test_bad_servers_give_one_line_and_exit_3(http_server, path, message):
    url = http_server.url(path)
    result = newsum(url, *FAST)
    assert result.returncode == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"newsum: {url}: ")
    assert message in lines[0]


def test_batch_of_urls_and_files_keeps_going(http_server, sample_path):
    good, bad = http_server.url("/article"), http_server.url("/status/404")
    result = newsum(good, bad, str(sample_path), "--format", "jsonl", *FAST)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["ok"] for r in records] == [True, False, True]
    assert records[1]["errors"][0]["code"] == "http_error"
    assert result.stderr == f"newsum: {bad}: HTTP 404 Not Found (check the URL)\n"


def test_html_file_and_html_on_stdin(tmp_path):
    page = (
        "<!DOCTYPE html><html lang='de'><head><title>Zinsen steigen | Tagesblatt</title>"
        "<meta property='og:site_name' content='Tagesblatt'></head><body><article><h1>Zinsen steigen</h1>"
        + "<p>Die Zentralbank hat am Montag die Zinsen erneut angehoben, um die Inflation zu bremsen.</p>" * 4
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    for args, stdin in (([str(path)], None), (["-"], page)):
        result = subprocess.run(
            [sys.executable, "-m", "newsum", "summarize", *args, "-f", "json"],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["article"]["title"] == "Zinsen steigen"
        assert data["article"]["language"] == "german" and data["settings"]["language"] == "german"
        assert data["article"]["site_name"] == "Tagesblatt"
    forced = json.loads(
        subprocess.run(
            [sys.executable, "-m", "newsum", "summarize", str(path), "-f", "json", "--language", "english"],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    )
    assert forced["article"]["language"] == "english"
