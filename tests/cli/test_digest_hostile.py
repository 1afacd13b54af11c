"""`newsum digest` against hostile or huge feeds (issue 19), on feed servers
on 127.0.0.1 (tests/feed_server.py): a 10,000-item feed finishes within a
minute, a feed's URL redirecting into a private network is refused, feeds are
recognised as XML (a DOCTYPE with an internal subset; a billion-laughs subset
stays harmless), every source failing exits 3, --mark-seen -f json writes its
record, a corrected charset is a warning.

In-process runs may connect only to 127.0.0.0/8 (`loopback_only`)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from feed_server import BUDGET, MARKET, STORM, STRIKE, page, rss
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.sources import addresses
from newsum.sources.addresses import Network

# Every connect outside 127.0.0.0/8 fails at once and is recorded (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("loopback_only")


def digest(tmp_path, *args: str):
    state = ["--state", str(tmp_path / "state.db")]
    return CliRunner().invoke(app, ["digest", *args, *state, "--host-delay", "0", "--timeout", "5"])


def big_feed(server, count: int) -> bytes:
    """``count`` items, newest first, one a minute back from 2024-05-01 08:00."""
    from datetime import datetime, timedelta, timezone
    from email.utils import format_datetime

    start = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    return rss(
        "Firehose",
        [
            {
                "title": f"Item number {n}",
                "link": server.url(f"/item/{n}"),
                "guid": f"fh-{n}",
                "date": format_datetime(start - timedelta(minutes=n), usegmt=True),
            }
            for n in range(count)
        ],
    )


def test_a_feed_of_ten_thousand_items_finishes_within_a_minute_and_the_rest_stay_new(feed_server, tmp_path):
    """Default options, a real process (as cron runs it): the newest 10 are
    digested, the other 9,990 are counted as more and stay unseen."""
    bodies = [BUDGET, STORM, STRIKE, MARKET]
    for n in range(20):
        feed_server.publish(f"/item/{n}", bodies[n % len(bodies)])
    feed_server.publish("/firehose.xml", big_feed(feed_server, 10_000), "application/rss+xml")
    command = [
        sys.executable,
        "-m",
        "newsum",
        "digest",
        feed_server.url("/firehose.xml"),
        "--state",
        str(tmp_path / "state.db"),
        "-f",
        "json",
    ]
    started = time.monotonic()
    first = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    elapsed = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    data = json.loads(first.stdout)
    assert data["counts"]["new_items"] == 10_000 and data["counts"]["more"] == 9_990
    assert data["counts"]["errors"] == 0 and data["stories"]
    assert sum(feed_server.hits[f"/item/{n}"] for n in range(10)) == 10
    assert sum(feed_server.hits[f"/item/{n}"] for n in range(10, 10_000)) == 0
    assert elapsed < 60

    second = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert second.returncode == 0, second.stderr
    again = json.loads(second.stdout)
    assert again["counts"]["new_items"] == 9_990  # the rest stayed new
    assert sum(feed_server.hits[f"/item/{n}"] for n in range(10, 20)) == 10  # the next newest were digested


def test_per_source_zero_means_all(feed_server, tmp_path):
    feed_server.publish("/two.xml", big_feed(feed_server, 2), "application/rss+xml")
    for n in range(2):
        feed_server.publish(f"/item/{n}", [BUDGET, STORM][n])
    data = json.loads(digest(tmp_path, feed_server.url("/two.xml"), "-f", "json", "--per-source", "0").stdout)
    assert data["counts"]["more"] == 0 and len(data["stories"]) == 2


def test_a_feed_url_redirecting_into_a_private_network_is_refused(feed_server, tmp_path, monkeypatch, loopback_only):
    """The feed's URL counts as public (127.0.0.1 made public for this test);
    its redirect to 10.0.0.1 is refused before connecting, and the run's only
    source failing exits 3."""
    real = addresses.address_network
    monkeypatch.setattr(
        addresses, "address_network", lambda address: Network.PUBLIC if address == "127.0.0.1" else real(address)
    )
    feed_server.publish("/moved.xml", b"", status=302, location="http://10.0.0.1/rss.xml")
    url = feed_server.url("/moved.xml")
    started = time.monotonic()
    result = digest(tmp_path, url, "-f", "json")
    assert result.exit_code == 3
    message = (
        "refused redirect to http://10.0.0.1/rss.xml: it leads to a private network, more private than the URL you "
        "named (the public internet); pass --allow-private to follow it"
    )
    assert result.stderr == f"newsum: {url}: {message}\n"
    assert json.loads(result.stdout)["errors"][0]["message"] == message
    assert loopback_only == [] and time.monotonic() - started < 5


DTD_FEED = (
    b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n<!-- generated > by hand -->\n"
    b'<?xml-stylesheet type="text/xsl" href="/style.xsl"?>\n'
    b'<!DOCTYPE rss [\n<!ENTITY nbsp "&#160;">\n<!ELEMENT rss ANY>\n<!ATTLIST rss version CDATA "2.0">\n]>\n'
    b'<rss version="2.0"><channel><title>Harbour&nbsp;News</title>'
    b"<item><title>Farmers&nbsp;market returns</title><link>LINK</link><guid>dtd-1</guid></item>"
    b"</channel></rss>\n"
)


def test_a_feed_with_a_doctype_and_internal_subset_yields_its_items(feed_server, tmp_path):
    feed_server.publish("/dtd.xml", DTD_FEED.replace(b"LINK", feed_server.url("/b/market").encode()), "text/xml")
    result = digest(tmp_path, feed_server.url("/dtd.xml"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # read as valid XML: no "read leniently" warning
    [story] = json.loads(result.stdout)["stories"]
    assert story["title"] == "Farmers market returns"  # the entity expanded (a title's spaces are squashed)
    assert story["sources"][0]["source"] == "Harbour News"
    assert "farmers market returned" in story["summary"][0]


def test_a_billion_laughs_feed_is_harmless(feed_server, tmp_path):
    subset = b'<!ENTITY lol "lol">\n' + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + subset + b"]>\n"
        b'<rss version="2.0"><channel><title>&lol9;</title><item><title>Market &lol9;</title>'
        b"<link>" + feed_server.url("/b/market").encode() + b"</link></item></channel></rss>"
    )
    feed_server.publish("/lol.xml", body, "application/rss+xml")
    started = time.monotonic()
    result = digest(tmp_path, feed_server.url("/lol.xml"), "-f", "json")
    assert time.monotonic() - started < 15
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(result.stdout) < 20_000  # nothing expanded
    assert [s["title"] for s in data["stories"]] == ["Market &lol9;"]
    assert "read leniently" in result.stderr


def test_every_source_failing_exits_3(feed_server, tmp_path):
    feed_server.publish("/menu", b"<html><body><ul><li><a href='/'>Home</a></li></ul></body></html>")
    result = digest(tmp_path, feed_server.url("/menu"), "-f", "json")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"newsum: {feed_server.url('/menu')}: ")


def test_mark_seen_with_json_writes_its_record(feed_server, tmp_path):
    result = digest(tmp_path, feed_server.url("/rss.xml"), "--mark-seen", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["counts"]["new_items"] == 2 and data["stories"] == []
    quiet = digest(tmp_path / "md", feed_server.url("/rss.xml"), "--mark-seen")
    assert (quiet.exit_code, quiet.stdout) == (0, "")


def test_a_corrected_charset_is_a_warning_in_the_run(feed_server, tmp_path):
    body = (
        page(
            "Zürich council votes on the budget",
            [
                "The council of Zürich approved the budget on Tuesday, said its president Jürgen Müller, after a long debate.",
                "The opposition said the city could not afford the new tram line and asked for a referendum next spring.",
            ],
        )
        .decode()
        .encode("cp1252")
    )
    feed_server.publish("/zurich", body, "text/html; charset=utf-8")
    url = feed_server.url("/zurich")
    result = digest(tmp_path, url, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    [warning] = data["errors"]
    assert (warning["code"], warning["level"]) == ("charset_corrected", "warning")
    assert "Jürgen Müller" in " ".join(data["stories"][0]["summary"])
    assert result.stderr == f"newsum: {url}: warning: {warning['message']}\n"


def test_escapes_in_a_feed_never_reach_the_digest(feed_server, tmp_path):
    hostile = "Storm \x1b]8;;file:///etc/passwd\x07closes\x1b]8;;\x07 ports \x1b[2J\u202e"
    feed_server.publish(
        "/esc.xml",
        rss("Wire \x1b[31mred", [{"title": hostile, "link": feed_server.url("/a/storm"), "guid": "e-1"}]),
        "application/rss+xml",
    )
    result = digest(tmp_path, feed_server.url("/esc.xml"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    [story] = json.loads(result.stdout)["stories"]
    assert story["title"] == "Storm closes ports"
    assert story["sources"][0]["source"] == "Wire red"
    for fmt in ("markdown", "text", "html"):
        shown = digest(tmp_path / fmt, feed_server.url("/esc.xml"), "-f", fmt).stdout
        assert "]8;;" not in shown and "[2J" not in shown and "\x1b" not in shown, fmt
