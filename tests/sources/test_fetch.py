"""newsum.sources.fetch against a real HTTP server on 127.0.0.1 (tests/http_server.py).

Timeouts are short so the whole file runs in a few seconds; each failure case
checks the exact error class, code and message a user would see.
"""

from __future__ import annotations

import pickle
import re
import socket
import subprocess
import sys
import time
import tracemalloc

import pytest
from http_server import ARTICLE_HTML, PLAIN_TEXT, free_port

from newsum.errors import (
    BadResponse,
    ConnectionFailed,
    EmptyInput,
    FetchTimeout,
    HTTPError,
    InputError,
    InputTooLarge,
    InvalidURL,
    NotAnArticle,
    TooManyRedirects,
    UnsupportedSource,
)
from newsum.sources.fetch import DEFAULT_USER_AGENT, FetchOptions, _retry_after, fetch, parse_content_type
from newsum.version import __version__

FAST = FetchOptions(timeout=2, connect_timeout=1, read_timeout=0.5, backoff=0.01)
MB = 1024 * 1024


def fails(url: str, options: FetchOptions = FAST) -> InputError:
    with pytest.raises(InputError) as info:
        fetch(url, options)
    return info.value


def assert_error(error: InputError, cls: type[InputError], code: str, message: str) -> None:
    assert type(error) is cls
    assert error.code == code
    assert error.message == message


# --- pages that work ---------------------------------------------------------


def test_fetches_a_page(http_server):
    url = http_server.url("/article")
    page = fetch(url, FAST)
    assert page.url == page.final_url == url
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.body == ARTICLE_HTML


def test_follows_a_redirect_chain(http_server):
    page = fetch(http_server.url("/redirect/3"), FAST)
    assert page.url == http_server.url("/redirect/3")
    assert page.final_url == http_server.url("/article")
    assert page.body == ARTICLE_HTML


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate", "/brotli"])
def test_compressed_bodies_are_decoded(http_server, path):
    assert fetch(http_server.url(path), FAST).body == ARTICLE_HTML


def test_plain_text(http_server):
    page = fetch(http_server.url("/text"), FAST)
    assert (page.content_type, page.charset, page.body) == ("text/plain", "utf-8", PLAIN_TEXT)


@pytest.mark.parametrize("path, content_type", [("/octet-html", "application/octet-stream"), ("/no-type-html", "")])
def test_vague_content_types_are_sniffed(http_server, path, content_type):
    page = fetch(http_server.url(path), FAST)
    assert page.content_type == content_type
    assert page.body == ARTICLE_HTML


def test_user_agent_names_newsum_and_can_be_replaced(http_server):
    echo = fetch(http_server.url("/echo"), FAST).body.decode()
    assert f"User-Agent: newsum/{__version__} (+https://pypi.org/project/newsum/)" in echo
    assert DEFAULT_USER_AGENT == f"newsum/{__version__} (+https://pypi.org/project/newsum/)"
    assert "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5" in echo
    assert "Accept-Encoding: gzip, deflate, br" in echo
    options = FetchOptions(timeout=2, read_timeout=0.5, user_agent="Mozilla/5.0 (newsum test)")
    assert "User-Agent: Mozilla/5.0 (newsum test)\n" in fetch(http_server.url("/echo"), options).body.decode()


# --- redirects -----------------------------------------------------------------


def test_redirect_loop(http_server):
    error = fails(http_server.url("/loop/a"))
    assert_error(
        error,
        TooManyRedirects,
        "too_many_redirects",
        f"too many redirects (more than 10), last {http_server.url('/loop/b')}",
    )


def test_redirect_limit_is_an_option(http_server):
    error = fails(http_server.url("/redirect/3"), FetchOptions(timeout=2, read_timeout=0.5, max_redirects=2))
    assert_error(
        error,
        TooManyRedirects,
        "too_many_redirects",
        f"too many redirects (more than 2), last {http_server.url('/article')}",
    )


def test_redirect_to_another_scheme_is_refused(http_server):
    error = fails(http_server.url("/to-ftp"))
    assert_error(
        error,
        UnsupportedSource,
        "unsupported_source",
        "redirected to ftp://127.0.0.1/article, which is not an http or https URL",
    )


def test_redirect_with_an_endless_body_is_not_read(http_server):
    """httpx's own redirect following would read this body forever."""
    fetch(http_server.url("/article"), FAST)  # imports done before measuring
    tracemalloc.start()
    try:
        page = fetch(http_server.url("/redirect-flood"), FAST)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert page.final_url == http_server.url("/article")
    assert peak < 3 * MB


# --- status codes and retries ------------------------------------------------


@pytest.mark.parametrize(
    "status, message",
    [
        (401, "HTTP 401 Unauthorized (try --user-agent, or save the page and pass the file)"),
        (403, "HTTP 403 Forbidden (try --user-agent, or save the page and pass the file)"),
        (404, "HTTP 404 Not Found (check the URL)"),
        (410, "HTTP 410 Gone (check the URL)"),
        (400, "HTTP 400 Bad Request"),
        (451, "HTTP 451 Unavailable For Legal Reasons"),
    ],
)
def test_client_errors_are_final(http_server, status, message):
    path = f"/status/{status}?key=final"
    error = fails(http_server.url(path))
    assert_error(error, HTTPError, "http_error", message)
    assert (error.status, error.reason) == (status, message.split(" ", 2)[2].split(" (")[0])
    assert error.url == error.final_url == http_server.url(path)
    assert str(error) == f"{http_server.url(path)}: {message}"
    assert http_server.attempts(path) == 1


@pytest.mark.parametrize(
    "status, message",
    [
        (429, "HTTP 429 Too Many Requests (the site is rate-limiting; try later)"),
        (500, "HTTP 500 Internal Server Error (the server failed; try later)"),
        (502, "HTTP 502 Bad Gateway (the server failed; try later)"),
        (503, "HTTP 503 Service Unavailable (the server failed; try later)"),
        (504, "HTTP 504 Gateway Timeout (the server failed; try later)"),
    ],
)
def test_transient_errors_are_retried_then_reported(http_server, status, message):
    path = f"/status/{status}?key=retried"
    assert_error(fails(http_server.url(path)), HTTPError, "http_error", message)
    assert http_server.attempts(path) == 1 + FAST.retries


def test_retries_can_be_turned_off(http_server):
    path = "/status/503?key=no-retry"
    fails(http_server.url(path), FetchOptions(timeout=2, read_timeout=0.5, retries=0))
    assert http_server.attempts(path) == 1


def test_a_503_that_recovers_returns_the_page(http_server):
    path = "/flaky?fail=1&key=recovers"
    assert fetch(http_server.url(path), FAST).body == ARTICLE_HTML
    assert http_server.attempts(path) == 2


def test_a_retry_after_past_the_deadline_fails_at_once(http_server):
    path = "/status/503?retry_after=3600&key=deadline"
    start = time.monotonic()
    error = fails(http_server.url(path))
    assert time.monotonic() - start < 1
    assert error.message == "HTTP 503 Service Unavailable (the server failed; try later)"
    assert http_server.attempts(path) == 1


def test_retry_after_values():
    assert _retry_after("0") == 0.0
    assert _retry_after(" 7 ") == 7.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: now
    assert 3590 < _retry_after(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 3600))) <= 3600
    assert _retry_after("soon") is None
    assert _retry_after(None) is None


def test_a_dropped_connection_is_retried(http_server):
    path = "/disconnect?key=dropped"
    error = fails(http_server.url(path))
    assert_error(
        error,
        BadResponse,
        "bad_response",
        "the server sent a broken response: Server disconnected without sending a response.",
    )
    assert http_server.attempts(path) == 1 + FAST.retries


# --- time and size limits ------------------------------------------------------


def test_a_silent_server_times_out(http_server):
    start = time.monotonic()
    error = fails(http_server.url("/slow"), FetchOptions(timeout=2, read_timeout=0.5, retries=0))
    assert_error(error, FetchTimeout, "timeout", "the server sent nothing for 0.5 s; try later")
    assert time.monotonic() - start < 1.5


def test_a_trickling_body_is_stopped_by_the_deadline(http_server):
    start = time.monotonic()
    error = fails(http_server.url("/trickle"), FetchOptions(timeout=1, read_timeout=0.5, backoff=0.01))
    assert_error(error, FetchTimeout, "timeout", "no complete response within 1 s; raise --timeout or try later")
    assert 1 <= time.monotonic() - start < 1.8


def peak_memory_of_failed_fetch(url: str, options: FetchOptions) -> tuple[InputError, int]:
    with pytest.raises(InputError) as info:
        tracemalloc.start()
        try:
            fetch(url, options)
        finally:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return info.value, peak


@pytest.mark.parametrize("path", ["/endless", "/gzip-bomb", "/brotli-bomb"])
def test_bodies_past_the_cap_stop_with_bounded_memory(http_server, path):
    options = FetchOptions(timeout=5, read_timeout=2, max_bytes=MB)
    fetch(http_server.url("/article"), options)  # imports done before measuring
    error, peak = peak_memory_of_failed_fetch(http_server.url(path), options)
    assert_error(error, InputTooLarge, "too_large", "page is larger than 1 MB; raise the limit with --max-bytes")
    assert peak < 3 * MB


def test_a_declared_length_past_the_cap_is_refused_up_front(http_server):
    error = fails(http_server.url("/big"), FetchOptions(timeout=2, read_timeout=0.5, max_bytes=MB))
    assert_error(error, InputTooLarge, "too_large", "page is larger than 1 MB; raise the limit with --max-bytes")


# --- what comes back -----------------------------------------------------------


@pytest.mark.parametrize(
    "path, message",
    [
        ("/pdf", "this is a PDF document (application/pdf), not an article"),
        ("/image", "this is an image (image/png), not an article"),
        ("/json", "this is JSON data (application/json), not an article"),
        ("/feed", "this is a news feed (application/rss+xml), not an article; pass the URL of one of its articles"),
        ("/octet-binary", "this is binary data (application/octet-stream), not an article"),
    ],
)
def test_not_an_article(http_server, path, message):
    assert_error(fails(http_server.url(path)), NotAnArticle, "not_an_article", message)


def test_an_empty_page(http_server):
    assert_error(fails(http_server.url("/empty")), EmptyInput, "empty_input", "the page is empty")


def test_corrupt_compressed_data(http_server):
    error = fails(http_server.url("/corrupt-gzip"))
    assert type(error) is BadResponse and error.code == "bad_response"
    assert error.message.startswith("the server sent corrupt gzip data (")


def test_an_unknown_content_encoding(http_server):
    assert_error(
        fails(http_server.url("/zstd")),
        BadResponse,
        "bad_response",
        "the server sent an unsupported Content-Encoding 'zstd' (newsum reads gzip, deflate and br)",
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        ("text/html; charset=UTF-8", ("text/html", "UTF-8")),
        ('Text/HTML;Charset="windows-1251"', ("text/html", "windows-1251")),
        ("application/xhtml+xml", ("application/xhtml+xml", None)),
        ("", ("", None)),
    ],
)
def test_parse_content_type(value, expected):
    assert parse_content_type(value) == expected


# --- URLs and connections ------------------------------------------------------


@pytest.mark.parametrize(
    "url, cls, code, message",
    [
        ("ftp://example.org/a.html", UnsupportedSource, "unsupported_source", "only http and https URLs are supported"),
        (
            "file:///tmp/a.html",
            UnsupportedSource,
            "unsupported_source",
            "only http and https URLs are supported; pass a local file by its path",
        ),
        ("http:///news", InvalidURL, "invalid_url", "not a valid URL: it has no host name"),
        (
            "http://127.0.0.1:port/",
            InvalidURL,
            "invalid_url",
            "not a valid URL: Port could not be cast to integer value as 'port'",
        ),
    ],
)
def test_bad_urls(url, cls, code, message):
    error = fails(url)
    assert_error(error, cls, code, message)
    assert str(error) == f"{url}: {message}"


def test_connection_refused():
    url = f"http://127.0.0.1:{free_port()}/article"
    assert_error(fails(url), ConnectionFailed, "connection_failed", "could not connect: Connection refused")


def test_unknown_host(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    error = fails("http://news.invalid/article")
    assert_error(
        error,
        ConnectionFailed,
        "connection_failed",
        "could not connect: cannot resolve host news.invalid (Name or service not known)",
    )


def test_a_bad_certificate_fails_without_retrying(https_server):
    error = fails(https_server.url("/article"))
    assert type(error) is ConnectionFailed and error.code == "connection_failed"
    assert re.match(r"TLS certificate problem: self[- ]signed certificate", error.message)  # OpenSSL 3 / 1.1
    assert error.message.endswith("(newsum always verifies certificates; save the page and pass the file)")
    assert https_server.connections == 1


# --- integration ---------------------------------------------------------------


def test_http_error_survives_pickling():
    """Batches digest in worker processes; their errors must cross back."""
    error = HTTPError(
        "HTTP 404 Not Found (check the URL)",
        "http://x/",
        status=404,
        reason="Not Found",
        url="http://x/",
        final_url="http://x/y",
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.source, copy.status, copy.reason, copy.url, copy.final_url) == (
        error.message,
        error.source,
        404,
        "Not Found",
        "http://x/",
        "http://x/y",
    )


def test_digest_source_records_a_fetch_error(http_server):
    from newsum.pipeline import digest_source

    url = http_server.url("/status/404?key=digest")
    digest = digest_source(url)
    assert not digest.ok
    assert [(e.code, e.message) for e in digest.errors] == [("http_error", "HTTP 404 Not Found (check the URL)")]


def test_importing_sources_and_fetch_does_not_import_httpx():
    probe = "import newsum.sources, newsum.sources.fetch, sys; print(sorted(m for m in sys.modules if m.startswith(('httpx', 'brotli', 'charset_normalizer'))))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
