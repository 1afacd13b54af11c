"""A real HTTP server on 127.0.0.1 for the fetch tests: good pages, bad
servers, bombs and odd encodings, each at its own path.

Used through the session-scoped ``http_server`` fixture in conftest.py.
Request counts per path (query included) let a test check how many attempts
a fetch made; give each such test its own ``?key=...`` so counts never mix.
"""

from __future__ import annotations

import gzip
import ssl
import subprocess
import threading
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import brotli

ARTICLE_TITLE = "Council approves new budget"
ARTICLE_HTML = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Council approves new budget</title></head>\n'
    "<body><article><h1>Council approves new budget</h1>\n"
    "<p>The city council on Tuesday approved a budget that raises spending on buses and schools.</p>\n"
    "<p>\u201cIt is a fair budget,\u201d the mayor said after the vote.</p></article></body></html>\n"
).encode("utf-8")
PLAIN_TEXT = b"Council approves new budget\n\nThe city council on Tuesday approved a budget.\n"

RUSSIAN = "Правительство Москвы в пятницу объявило о новом бюджете города."
CP1251_HTML = (
    f'<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>{RUSSIAN}</p></body></html>'
).encode("cp1251")
JAPANESE = "東京都は金曜日、新しい予算を発表した。"
SJIS_HTML = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    f"<title>ニュース</title></head><body><p>{JAPANESE}</p></body></html>"
).encode("shift_jis")
UTF8_PHRASE = "Zürich — «quoted» 東京"
UTF8_BARE_HTML = f"<html><head><title>Zürich</title></head><body><p>{UTF8_PHRASE}</p></body></html>".encode()
# The header says windows-1251, the <meta> says UTF-8: the header wins.
HEADER_WINS_HTML = f'<html><head><meta charset="utf-8"></head><body><p>{RUSSIAN}</p></body></html>'.encode("cp1251")

# A page whose headline, author and text carry terminal escapes: an OSC 8
# hyperlink to a local file, a clear-screen, colours, C1 controls, a bidi
# override. Raw bytes in the markup, and JSON escapes in its JSON-LD.
ESC = "\x1b"
HOSTILE_HEADLINE = "Harbour reopens after the storm"
HOSTILE_HTML = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens</title>\n'
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"headline": "\\u001b]8;;file:///etc/passwd\\u0007CLICK\\u001b]8;;\\u0007 \\u001b[2J' + HOSTILE_HEADLINE + '", '
    '"author": {"name": "Ana \\u001b]8;;file:///etc/passwd\\u0007Silva\\u001b]8;;\\u0007; [link=file:///etc/passwd]x[/link]"}, '
    '"datePublished": "2024-05-01T08:00:00Z"}</script></head>\n'
    "<body><article><h1>" + HOSTILE_HEADLINE + "</h1>\n"
    f"<p>The harbour of Northport reopened on Friday {ESC}[2J{ESC}[31mafter a storm{ESC}[0m closed it for three days, "
    "the port authority said.</p>\n"
    f"<p>\u201cShips can sail again,\u201d harbour master Paul Grant said{ESC}]8;;file:///etc/passwd\x07 on Friday"
    f"{ESC}]8;;\x07.</p>\n"
    "<p>Fishermen said the closure cost them \u202eseveral\u202c days of work, and the city promised \x9b31m help "
    "for the families who lost boats.</p>\n"
    "<p>The port authority said the breakwater would be repaired before the winter storms return.</p>"
    "</article></body></html>\n"
).encode("utf-8")
# windows-1252 bytes declared UTF-8 in the header: read as declared, every
# accented letter would be U+FFFD.
LATIN1_NAMES = "Jürgen Müller"
LATIN1_AS_UTF8_HTML = (
    "<html><head><title>Zürich council</title></head><body><article><h1>Zürich council votes on the budget</h1>"
    f"<p>The council of Zürich approved the budget on Tuesday, said its president {LATIN1_NAMES}, after a long debate "
    "about the cost of the new tram line.</p><p>The opposition said the city could not afford the tram and would "
    "ask the voters to decide in a referendum next spring.</p></article></body></html>"
).encode("cp1252")
UTF16_TEXT = (
    "Council approves new budget\n\nThe city council of Zürich on Tuesday approved a budget that raises spending "
    "on buses and schools, its president said after the vote.\n"
)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
BINARY = bytes(range(256)) * 16

BOMB_SIZE = 50 * 1024 * 1024


def _gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes gzip-compressed (about 1000:1), built a MB at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    megabyte = bytes(1024 * 1024)
    parts = [compressor.compress(megabyte) for _ in range(size // len(megabyte))]
    return b"".join(parts) + compressor.flush()


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


class NewsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self.stopping = threading.Event()
        self.hits: Counter[str] = Counter()
        self.connections = 0
        self.lock = threading.Lock()
        self.gzip_bomb = _gzip_bomb(BOMB_SIZE)
        self.brotli_bomb = brotli.compress(bytes(BOMB_SIZE), quality=1)
        self._thread = threading.Thread(target=self.serve_forever, name="news-server", daemon=True)

    @property
    def base(self) -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def attempts(self, path: str) -> int:
        with self.lock:
            return self.hits[path]

    def start(self) -> NewsServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def verify_request(self, request, client_address) -> bool:
        with self.lock:
            self.connections += 1
        return True

    def handle_error(self, request, client_address) -> None:
        """A client hanging up on an endless body is the point of several tests."""


def self_signed_context(directory: Path) -> ssl.SSLContext | None:
    """A server TLS context with a fresh self-signed certificate, or None
    without the openssl command."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    try:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


class _Handler(BaseHTTPRequestHandler):
    server: NewsServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.hits[self.path] += 1
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        route = parts.path.strip("/").split("/")
        handler = getattr(self, "route_" + route[0].replace("-", "_"), None)
        if handler is None:
            self.reply(404, b"<html><body>Not here</body></html>")
            return
        handler(route[1:], query)

    def reply(
        self,
        status: int,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.reply(status, b"", headers={"Location": location})

    # --- good pages ---

    def route_article(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, ARTICLE_HTML)

    def route_text(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, PLAIN_TEXT, "text/plain; charset=utf-8")

    def route_text_latin1(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(
            200, "Caf\u00e9 owners \u201cwelcome\u201d the plan.\n".encode("cp1252"), "text/plain; charset=ISO-8859-1"
        )

    def route_echo(self, args: list[str], query: dict[str, str]) -> None:
        lines = [f"{name}: {self.headers.get(name)}" for name in ("User-Agent", "Accept", "Accept-Encoding")]
        self.reply(200, "\n".join(lines).encode(), "text/plain; charset=utf-8")

    def route_cp1251(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, CP1251_HTML, "text/html")

    def route_sjis(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, SJIS_HTML, "text/html")

    def route_utf8_bare(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, UTF8_BARE_HTML, "text/html")

    def route_header_wins(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, HEADER_WINS_HTML, "text/html; charset=windows-1251")

    def route_octet_html(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, ARTICLE_HTML, "application/octet-stream")

    def route_no_type_html(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, ARTICLE_HTML, None)

    def route_hostile(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, HOSTILE_HTML)

    def route_latin1_as_utf8(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, LATIN1_AS_UTF8_HTML, "text/html; charset=utf-8")

    def route_utf16_nobom(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, UTF16_TEXT.encode("utf-16-le"), "text/plain")

    # --- compression ---

    def route_gzip(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, gzip.compress(ARTICLE_HTML), headers={"Content-Encoding": "gzip"})

    def route_deflate(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, zlib.compress(ARTICLE_HTML), headers={"Content-Encoding": "deflate"})

    def route_raw_deflate(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, _raw_deflate(ARTICLE_HTML), headers={"Content-Encoding": "deflate"})

    def route_brotli(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, brotli.compress(ARTICLE_HTML), headers={"Content-Encoding": "br"})

    def route_gzip_bomb(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, self.server.gzip_bomb, headers={"Content-Encoding": "gzip"})

    def route_brotli_bomb(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, self.server.brotli_bomb, headers={"Content-Encoding": "br"})

    def route_corrupt_gzip(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, b"\x1f\x8b\x08\x00" + b"this is not deflate data" * 4, headers={"Content-Encoding": "gzip"})

    def route_zstd(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, b"(\xb5/\xfd...", headers={"Content-Encoding": "zstd"})

    # --- not articles ---

    def route_pdf(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, PDF, "application/pdf")

    def route_image(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, PNG, "image/png")

    def route_json(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, b'{"title": "x"}', "application/json; charset=utf-8")

    def route_feed(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, b"<?xml version='1.0'?><rss></rss>", "application/rss+xml")

    def route_octet_binary(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, BINARY, "application/octet-stream")

    def route_empty(self, args: list[str], query: dict[str, str]) -> None:
        self.reply(200, b"")

    # --- redirects ---

    def route_redirect(self, args: list[str], query: dict[str, str]) -> None:
        """/redirect/3 -> /redirect/2 -> /redirect/1 -> /article"""
        left = int(args[0])
        self.redirect("/article" if left <= 1 else f"/redirect/{left - 1}")

    def route_loop(self, args: list[str], query: dict[str, str]) -> None:
        self.redirect("/loop/b" if args[0] == "a" else "/loop/a")

    def route_redirect_to(self, args: list[str], query: dict[str, str]) -> None:
        """/redirect-to?to=URL: a 302 to anywhere (a private address, in the tests)."""
        self.redirect(query["to"])

    def route_to_ftp(self, args: list[str], query: dict[str, str]) -> None:
        self.redirect("ftp://127.0.0.1/article")

    def route_redirect_flood(self, args: list[str], query: dict[str, str]) -> None:
        """A redirect whose body never ends: a client that reads it fills memory."""
        self.send_response(302)
        self.send_header("Location", "/article")
        self.end_headers()
        self.write_forever(b"x" * 65536)

    # --- failing servers ---

    def route_status(self, args: list[str], query: dict[str, str]) -> None:
        """/status/<code>[?retry_after=...]; 429 says Retry-After: 0 unless told."""
        status = int(args[0])
        headers = {}
        if "retry_after" in query:
            headers["Retry-After"] = query["retry_after"]
        elif status == 429:
            headers["Retry-After"] = "0"
        self.reply(status, b"<html><body>Error</body></html>", headers=headers)

    def route_flaky(self, args: list[str], query: dict[str, str]) -> None:
        """503 for the first ``fail`` requests, then the article."""
        if self.server.attempts(self.path) <= int(query.get("fail", "1")):
            self.reply(503, b"<html><body>Busy</body></html>")
        else:
            self.reply(200, ARTICLE_HTML)

    def route_disconnect(self, args: list[str], query: dict[str, str]) -> None:
        self.close_connection = True  # no status line at all

    def route_slow(self, args: list[str], query: dict[str, str]) -> None:
        if self.server.stopping.wait(3.0):
            return
        self.reply(200, ARTICLE_HTML)

    def route_trickle(self, args: list[str], query: dict[str, str]) -> None:
        """One byte every 0.2 s: each read is quick, the whole never ends in time."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for byte in ARTICLE_HTML[:150]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self.server.stopping.wait(0.2):
                    return
        except OSError:
            return

    def route_trickle_headers(self, args: list[str], query: dict[str, str]) -> None:
        """The status line and headers, one byte every 2 s: each read is well
        within any read timeout, the headers never end."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 1000
        try:
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self.server.stopping.wait(2.0):
                    return
        except OSError:
            return
        finally:
            self.close_connection = True

    def route_broken_chunks(self, args: list[str], query: dict[str, str]) -> None:
        """A chunked body whose chunk header is not a hex size."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(b"zz\r\n<p>news</p>\r\n0\r\n\r\n")
        self.close_connection = True

    def route_endless(self, args: list[str], query: dict[str, str]) -> None:
        """HTML without Content-Length that streams until the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.write_forever(b"<p>" + b"news " * 13000 + b"</p>\n")

    def route_big(self, args: list[str], query: dict[str, str]) -> None:
        """Declares (and sends) 2 MB: refused before reading it."""
        self.reply(200, b"<p>" + b"x" * (2 * 1024 * 1024) + b"</p>")

    def write_forever(self, chunk: bytes) -> None:
        try:
            for _ in range(16384):  # 1 GB at most, should a client never hang up
                if self.server.stopping.is_set():
                    return
                self.wfile.write(chunk)
        except OSError:
            return


def free_port() -> int:
    """A port nothing listens on (for "connection refused")."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
