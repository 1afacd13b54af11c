"""A real HTTP server on 127.0.0.1 serving feeds (RSS, Atom, JSON Feed) and
their articles for the `newsum digest` tests, with conditional GET (ETag,
Last-Modified, 304), a moved feed (301), a gone feed (410) and a broken one.

Each test gets its own server (function-scoped fixture ``feed_server``), so
one test can change what a feed lists (`FeedServer.publish`) without another
seeing it. Articles are small synthetic stories written for these tests.
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Wed, 01 May 2024 08:00:00 GMT"


def page(title: str, paragraphs: list[str], escape: bool = True) -> bytes:
    body = "".join(f"<p>{html.escape(p) if escape else p}</p>\n" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>\n'
        f"<body><article><h1>{html.escape(title)}</h1>\n{body}</article></body></html>\n"
    ).encode()


BUDGET_TITLE = "Council approves new budget for buses and schools"
BUDGET = page(
    BUDGET_TITLE,
    [
        (
            "The city council of Northport on Tuesday approved a budget that raises spending on buses and schools by "
            "twelve percent, after a debate that lasted more than six hours."
        ),
        "Mayor Helen Carter said the plan would add forty new buses and repair the roofs of eleven schools before winter.",
        "\u201cThis is a fair budget for every neighbourhood of Northport,\u201d Carter said after the vote.",
        "Opposition councillors argued that the budget relies on a property tax rise that many families cannot afford.",
        "The budget takes effect in July, and the first new buses are expected on the roads in September.",
    ],
)
STORM_TITLE = "Storm closes ports along the eastern coast"
STORM = page(
    STORM_TITLE,
    [
        "A powerful storm closed every port along the eastern coast on Wednesday, stranding dozens of cargo ships.",
        "The national weather service warned of winds above one hundred kilometres an hour and waves of eight metres.",
        "\u201cNobody should go to sea until the storm has passed,\u201d said Admiral Jonas Berg of the coast guard.",
        "Ferry operators cancelled all crossings, and the harbour authority said the ports could reopen on Friday.",
    ],
)
STRIKE_TITLE = "Rail strike called off after late-night talks"
STRIKE = page(
    STRIKE_TITLE,
    [
        (
            "A national rail strike planned for Monday was called off after late-night talks between the rail union and "
            "the state railway company ended with a pay agreement."
        ),
        "The union had planned to stop all trains for three days over pay and working hours.",
        "\u201cWe have an agreement that our members can accept,\u201d union leader Maria Lopez told reporters.",
        "The railway company said trains would run normally on Monday and thanked passengers for their patience.",
    ],
)
# The same event in another outlet's words.
STRIKE_AGAIN_TITLE = "Rail union calls off strike after talks end in pay agreement"
STRIKE_AGAIN = page(
    STRIKE_AGAIN_TITLE,
    [
        (
            "The rail union called off Monday's national rail strike after late-night talks with the state railway company "
            "ended in a pay agreement."
        ),
        (
            "Trains will run normally on Monday, the railway company said, after the union dropped plans to stop all trains "
            "for three days over pay."
        ),
        "\u201cOur members can accept this agreement,\u201d said Maria Lopez, the union leader.",
    ],
)
HOSTILE_TITLE = 'Museum shows <img src=x onerror="alert(1)"> art & code'
HOSTILE = page(
    "Museum opens exhibition of computer art",
    [
        "The city museum opened an exhibition of early computer art on Thursday, with works by forty artists.",
        (
            'One exhibit prints the line &lt;script&gt;alert("pwned")&lt;/script&gt; on a wall to show how early web pages '
            "were attacked."
        ),
        "\u201cArt and code have always been close,\u201d said curator Anna Novak at the opening.",
        "The exhibition runs until the end of August and entry is free on Sundays.",
    ],
    escape=False,
)
MARKET_TITLE = "Farmers market returns to the old square"
MARKET = page(
    MARKET_TITLE,
    [
        "The weekly farmers market returned to the old square on Saturday after two years of building work.",
        "More than sixty stalls sold vegetables, cheese and bread, and the organisers counted four thousand visitors.",
        "\u201cPeople missed this place,\u201d said organiser Tom Reyes.",
    ],
)
# Long enough to be the article itself (the feed's full content).
FULL_CONTENT = (
    "<p>The regional airport will build a second runway, the transport ministry announced on Friday, ending a "
    "decade of debate about noise and traffic around the town of Eastfield.</p><p>Minister Paul Grant said the "
    "runway would open in four years and carry up to twenty thousand flights a year.</p><p>Residents' groups said "
    "they would challenge the decision in court, arguing that the ministry ignored studies of noise at night and "
    "the loss of farmland to the east of the airport.</p><p>The airport's owners welcomed the announcement and "
    "said construction could begin next spring once the final permits are signed.</p>"
)


def rss(title: str, items: list[dict]) -> bytes:
    entries = []
    for item in items:
        parts = [f"<title>{html.escape(item['title'])}</title>", f"<link>{html.escape(item['link'])}</link>"]
        if "guid" in item:
            parts.append(f'<guid isPermaLink="false">{html.escape(item["guid"])}</guid>')
        if "date" in item:
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if "description" in item:
            parts.append(f"<description>{html.escape(item['description'])}</description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{html.escape(title)}</title><link>http://example.org/</link><description>News</description>"
        + "".join(entries)
        + "</channel></rss>\n"
    ).encode()


def atom(title: str, items: list[dict]) -> bytes:
    entries = "".join(
        f'<entry><title>{html.escape(i["title"])}</title><link href="{html.escape(i["link"])}"/>'
        f"<id>{html.escape(i['guid'])}</id><updated>{i['date']}</updated></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:test:atom</id><updated>2024-05-01T08:00:00Z</updated>{entries}</feed>\n"
    ).encode()


def json_feed(title: str, items: list[dict]) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "items": [
                {
                    "id": i["guid"],
                    "url": i["link"],
                    "title": i["title"],
                    "date_published": i.get("date"),
                    **({"content_html": i["content"]} if "content" in i else {}),
                }
                for i in items
            ],
        }
    ).encode()


@dataclass
class Resource:
    body: bytes
    content_type: str
    status: int = 200
    location: str | None = None
    delay: float = 0.0
    """Seconds to wait before answering (a slow page, to kill a run mid-way)."""


@dataclass
class FeedServer:
    """Serves `resources` by path; `hits` counts requests, `conditional`
    counts the ones answered 304."""

    resources: dict[str, Resource] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    not_modified: Counter = field(default_factory=Counter)
    host: str = "127.0.0.1"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> FeedServer:
        if not hasattr(self, "httpd"):
            self.bind()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def bind(self) -> FeedServer:
        """Take a port before `standard`, whose feeds name absolute links."""
        handler = type("Handler", (_Handler,), {"feeds": self})
        self.httpd = ThreadingHTTPServer((self.host, 0), handler)
        self.httpd.daemon_threads = True
        return self

    def publish(
        self,
        path: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
        location: str | None = None,
        delay: float = 0.0,
    ) -> None:
        with self.lock:
            self.resources[path] = Resource(body, content_type, status, location, delay)

    def standard(self) -> FeedServer:
        """The usual world: three feeds of three formats and their articles."""
        for path, body in (
            ("/a/budget", BUDGET),
            ("/a/storm", STORM),
            ("/a/strike", STRIKE),
            ("/b/strike", STRIKE_AGAIN),
            ("/b/museum", HOSTILE),
            ("/b/market", MARKET),
        ):
            self.publish(path, body)
        self.publish(
            "/rss.xml",
            rss(
                "City Times",
                [
                    {
                        "title": BUDGET_TITLE,
                        "link": self.url("/a/budget?utm_source=rss"),
                        "guid": "ct-1",
                        "date": "Wed, 01 May 2024 07:00:00 GMT",
                    },
                    {
                        "title": STORM_TITLE,
                        "link": self.url("/a/storm"),
                        "guid": "ct-2",
                        "date": "Wed, 01 May 2024 06:00:00 GMT",
                    },
                ],
            ),
            "application/rss+xml",
        )
        self.publish(
            "/atom.xml",
            atom(
                "Rail Weekly",
                [
                    {"title": STRIKE_TITLE, "link": "/a/strike", "guid": "urn:rail:1", "date": "2024-05-01T05:00:00Z"},
                ],
            ),
            "application/atom+xml",
        )
        self.publish(
            "/feed.json",
            json_feed(
                "Evening Post",
                [
                    {
                        "title": STRIKE_AGAIN_TITLE,
                        "link": self.url("/b/strike"),
                        "guid": "ep-1",
                        "date": "2024-05-01T05:30:00Z",
                    },
                    {
                        "title": HOSTILE_TITLE,
                        "link": self.url("/b/museum"),
                        "guid": "ep-2",
                        "date": "2024-05-01T04:00:00Z",
                    },
                ],
            ),
            "application/feed+json",
        )
        return self


class _Handler(BaseHTTPRequestHandler):
    feeds: FeedServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.feeds.lock:
            self.feeds.hits[path] += 1
            resource = self.feeds.resources.get(path)
        if resource is not None and resource.delay:
            time.sleep(resource.delay)
        if resource is None:
            self._send(404, b"<html><body>Not here</body></html>", "text/html")
            return
        if resource.location:
            self.send_response(resource.status)
            self.send_header("Location", resource.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = '"' + hashlib.sha1(resource.body).hexdigest()[:16] + '"'
        if resource.status == 200 and self.headers.get("If-None-Match") == etag:
            with self.feeds.lock:
                self.feeds.not_modified[path] += 1
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(
            resource.status, resource.body, resource.content_type, {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        )

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)
