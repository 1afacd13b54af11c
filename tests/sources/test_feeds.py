"""Feeds recognised by content and read into items; network rules for links;
same-story grouping; canonical links."""

from __future__ import annotations

import pytest
from feed_server import (
    BUDGET_TITLE,
    STRIKE_AGAIN_TITLE,
    STRIKE_TITLE,
    atom,
    json_feed,
    rss,
)

from newsum.errors import MalformedFeed, PrivateAddressRefused
from newsum.roundup.stories import MERGE_THRESHOLD, canonical_link, fingerprint, group, similarity
from newsum.sources.addresses import LinkPolicy, Network, url_network
from newsum.sources.feeds import ATOM, JSON_FEED, RDF, RSS, feed_kind, parse_feed

BASE = "http://news.example/feeds/main.xml"
ITEMS = [{"title": BUDGET_TITLE, "link": "/a/budget", "guid": "g-1", "date": "2024-05-01T07:00:00Z"}]
RDF_FEED = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://news.example/"><title>RDF Times</title><link>http://news.example/</link></channel>
<item rdf:about="http://news.example/a/1"><title>One</title><link>http://news.example/a/1</link></item>
</rdf:RDF>"""


@pytest.mark.parametrize(
    "body, kind",
    [
        (rss("T", []), RSS),
        (atom("T", []), ATOM),
        (RDF_FEED, RDF),
        (json_feed("T", []), JSON_FEED),
        (b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><?xml-stylesheet href='x'?>\n<rss version='2.0'></rss>", RSS),
        (b"<!DOCTYPE html><html><head><title>x</title></head></html>", None),
        (b"Council approves new budget\n\nThe council approved a budget.", None),
        (b'{"title": "not a feed"}', None),
    ],
)
def test_feeds_are_recognised_by_content(body, kind):
    assert feed_kind(body) == kind


def test_rss_items_with_dates_guids_and_tracking_links():
    body = rss(
        "City Times",
        [
            {
                "title": "A &amp; B",
                "link": "http://news.example/a?utm_source=x#top",
                "guid": "ct-1",
                "date": "Wed, 01 May 2024 07:00:00 GMT",
                "description": "Teaser",
            }
        ],
    )
    feed = parse_feed(body, BASE)
    assert feed.title == "City Times" and feed.kind == RSS and feed.warning is None
    [item] = feed.items
    assert (item.title, item.guid, item.published, item.summary) == (
        "A & B",
        "ct-1",
        "2024-05-01T07:00:00+00:00",
        "Teaser",
    )
    assert canonical_link(item.link) == "http://news.example/a"


def test_atom_relative_links_resolve_against_the_feed_url():
    [item] = parse_feed(atom("Rail", [{**ITEMS[0], "guid": "urn:rail:1"}]), BASE).items
    assert item.link == "http://news.example/a/budget"
    assert item.guid == "urn:rail:1" and item.published == "2024-05-01T07:00:00+00:00"


def test_json_feed_items_and_full_content():
    body = json_feed("Post", [{**ITEMS[0], "content": "<p>Full text</p>"}])
    [item] = parse_feed(body, BASE).items
    assert (
        item.title == BUDGET_TITLE
        and item.link == "http://news.example/a/budget"
        and item.content == "<p>Full text</p>"
    )


def test_rdf_feed():
    feed = parse_feed(RDF_FEED, BASE)
    assert feed.title == "RDF Times" and [i.link for i in feed.items] == ["http://news.example/a/1"]


@pytest.mark.parametrize(
    "body",
    [
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Bad</ti",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}',
    ],
)
def test_malformed_feeds_say_so(body):
    with pytest.raises(MalformedFeed, match="malformed"):
        parse_feed(body, BASE)


def test_broken_xml_with_items_is_read_leniently():
    body = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>One</title>"
        b"<link>http://news.example/1</link></item><item><title>Two & more</title></item></channel>"
    )
    feed = parse_feed(body, BASE)
    assert [i.title for i in feed.items][:1] == ["One"]
    assert feed.warning and "not well-formed" in feed.warning


@pytest.mark.parametrize(
    "url, network",
    [
        ("http://127.0.0.1:8080/admin", Network.LOOPBACK),
        ("http://localhost/", Network.LOOPBACK),
        ("http://[::1]/", Network.LOOPBACK),
        ("http://0.0.0.0/", Network.LOOPBACK),
        ("http://10.1.2.3/", Network.PRIVATE),
        ("http://192.168.1.1/", Network.PRIVATE),
        ("http://172.16.0.1/", Network.PRIVATE),
        ("http://169.254.169.254/latest/", Network.LINK_LOCAL),
        ("http://[fe80::1]/", Network.LINK_LOCAL),
        ("http://[::ffff:10.0.0.1]/", Network.PRIVATE),
        ("file:///etc/passwd", Network.LOCAL_FILE),
        ("ftp://x/y", Network.LOCAL_FILE),
        ("http://93.184.215.14/", Network.PUBLIC),
    ],
)
def test_networks_of_urls(url, network):
    assert url_network(url) == network


def test_names_resolving_to_private_addresses_are_private(monkeypatch):
    monkeypatch.setattr("newsum.sources.addresses.resolve", lambda host: ["93.184.215.14", "10.0.0.5"])
    assert url_network("http://intranet.example/") == Network.PRIVATE


def test_link_policy_refuses_only_more_private_networks():
    public = LinkPolicy(Network.PUBLIC)
    public("http://93.184.215.14/story")
    for url in ("http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/", "file:///etc/passwd"):
        with pytest.raises(PrivateAddressRefused, match="--allow-private"):
            public(url)
    LinkPolicy(Network.PUBLIC, allow_private=True)("http://127.0.0.1/")
    loopback = LinkPolicy(Network.LOOPBACK)
    loopback("http://127.0.0.1/")
    with pytest.raises(PrivateAddressRefused, match="a local file"):
        loopback("file:///etc/passwd")


def test_the_fetcher_asks_the_policy_about_every_redirect(http_server):
    from newsum.sources.fetch import FetchOptions, fetch

    asked: list[str] = []
    fetch(http_server.url("/redirect/2"), FetchOptions(timeout=5, check_url=asked.append))
    assert asked == [http_server.url(p) for p in ("/redirect/2", "/redirect/1", "/article")]


def test_canonical_links():
    assert (
        canonical_link("HTTPS://News.Example:443/a/b?id=3&utm_medium=rss&fbclid=x#comments")
        == "https://news.example/a/b?id=3"
    )
    assert canonical_link("http://news.example:8080") == "http://news.example:8080/"


def test_same_story_in_other_words_is_one_group_and_other_stories_are_not():
    texts = [
        (
            f"{STRIKE_TITLE}. A national rail strike planned for Monday was called off after late-night talks between the "
            "rail union and the state railway company ended with a pay agreement."
        ),
        (
            f"{STRIKE_AGAIN_TITLE}. The rail union called off Monday's national rail strike after late-night talks with "
            "the state railway company ended in a pay agreement."
        ),
        f"{BUDGET_TITLE}. The city council on Tuesday approved a budget that raises spending on buses and schools.",
    ]
    prints = [fingerprint(t) for t in texts]
    assert similarity(prints[0], prints[1]) >= MERGE_THRESHOLD > similarity(prints[0], prints[2])
    assert group([None, None, None], prints) == [[0, 1], [2]]
    # The same canonical link is one story whatever the text says.
    assert group(["http://x/a?utm_source=1", "http://x/a#top", None], [prints[0], prints[2], fingerprint("")]) == [
        [0, 1],
        [2],
    ]
