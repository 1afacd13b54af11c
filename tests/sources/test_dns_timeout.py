"""Host lookups end by ``--timeout`` (newsum/sources/addresses.py, `lookup`):
``getaddrinfo`` cannot be cancelled and a broken resolver can hold it for
20-40 s, so it runs in a daemon thread and newsum stops waiting at the fetch's
deadline, with one line saying so (a `FetchTimeout`, exit 3 for a lone URL).

The resolver is made slow by replacing ``socket.getaddrinfo`` (`slow_dns`):
``slow-dns.test`` never answers until the test ends, ``fast-dns.test`` answers
127.0.0.1 at once, and no other name is looked up for real. No test connects
anywhere but 127.0.0.0/8 (`loopback_only`).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from feed_server import BUDGET, rss
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.errors import ConnectionFailed, FetchTimeout
from newsum.sources import addresses
from newsum.sources.addresses import HopGuard, LinkPolicy, Network, url_network
from newsum.sources.fetch import FetchOptions, fetch

# Every connect outside 127.0.0.0/8 fails at once and is recorded (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("loopback_only")

SLOW = "slow-dns.test"
FAST = "fast-dns.test"
OVERRUN = 1.5
"""How far past the timeout a run may end: starting up, the CLI, the digest."""


def message(host: str, timeout: float) -> str:
    return (
        f"could not connect: resolving host {host} did not finish within the {timeout:g} s timeout; "
        "check the DNS resolver, raise --timeout or try later"
    )


@dataclass
class Resolver:
    release: threading.Event = field(default_factory=threading.Event)
    asked: list[str] = field(default_factory=list)
    hang_after_first_failure: bool = False


@pytest.fixture
def slow_dns(monkeypatch):
    """``socket.getaddrinfo`` that hangs for `SLOW` (until the test ends),
    answers 127.0.0.1 at once for `FAST` and fails at once for every other
    name (nothing is looked up for real; IP addresses are passed through)."""
    resolver = Resolver()
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        try:  # an address (connecting to the test server) needs no resolver
            ipaddress.ip_address(host)
            return real(host, port, *args, **kwargs)
        except ValueError:
            pass
        resolver.asked.append(str(host))
        if host == FAST:
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", port or 0))]
        if host == SLOW or (resolver.hang_after_first_failure and resolver.asked.count(host) > 1):
            resolver.release.wait(60)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield resolver
    resolver.release.set()
    for thread in threading.enumerate():  # the abandoned lookups end now
        if thread.name.startswith("newsum-lookup"):
            thread.join(5)


def summarize(*args: str):
    return CliRunner().invoke(app, ["summarize", *args])


# --- a lookup that hangs ends at the deadline ------------------------------------------------


def test_summarize_with_a_hanging_resolver_ends_at_the_timeout(slow_dns, loopback_only):
    url = f"http://{SLOW}/"
    started = time.monotonic()
    result = summarize(url, "--timeout", "2")
    elapsed = time.monotonic() - started
    assert result.exit_code == 3  # nothing usable: the README's code for a URL that cannot be fetched
    assert result.stderr == f"newsum: {url}: {message(SLOW, 2)}\n"
    assert "Traceback" not in result.output
    assert 1.9 <= elapsed < 2 + OVERRUN
    assert slow_dns.asked == [SLOW] and loopback_only == []


def test_the_error_is_a_timeout_record_in_json(slow_dns):
    result = summarize(f"http://{SLOW}/", "--timeout", "1", "-f", "json")
    assert result.exit_code == 3
    record = json.loads(result.stdout)
    assert record["ok"] is False
    assert record["errors"][0]["code"] == "timeout"
    assert record["errors"][0]["message"] == message(SLOW, 1)


def test_fetch_raises_fetch_timeout_by_the_deadline(slow_dns, loopback_only):
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetch(f"http://{SLOW}/article", FetchOptions(timeout=2))
    elapsed = time.monotonic() - started
    assert info.value.code == "timeout" and info.value.message == message(SLOW, 2)
    assert str(info.value) == f"http://{SLOW}/article: {message(SLOW, 2)}"
    assert 1.9 <= elapsed < 2 + OVERRUN
    assert loopback_only == []


def test_a_redirect_to_a_hanging_name_ends_at_the_overall_deadline(http_server, slow_dns, loopback_only):
    """The lookup starts mid-fetch and gets only the time left, not a fresh timeout."""
    url = http_server.url("/redirect-to?to=" + quote(f"http://{SLOW}/article", safe=""))
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=f"resolving host {SLOW} did not finish within the 2 s timeout"):
        fetch(url, FetchOptions(timeout=2))
    assert time.monotonic() - started < 2 + OVERRUN
    assert loopback_only == []


def test_the_reason_for_a_name_that_does_not_resolve_is_asked_by_the_deadline_too(slow_dns, loopback_only):
    """The first lookup fails at once, the second (asking why, for the message) hangs."""
    slow_dns.hang_after_first_failure = True
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="resolving host gone.test did not finish within the 2 s timeout"):
        fetch("http://gone.test/", FetchOptions(timeout=2))
    assert time.monotonic() - started < 2 + OVERRUN
    assert loopback_only == []


def test_a_name_that_does_not_resolve_still_says_why(slow_dns):
    with pytest.raises(ConnectionFailed) as info:
        fetch("http://gone.test/", FetchOptions(timeout=5, retries=0))
    assert info.value.message == "could not connect: cannot resolve host gone.test (Name or service not known)"


# --- a late answer is never used ------------------------------------------------------------


def test_an_answer_that_comes_after_the_deadline_is_never_connected_to(http_server, monkeypatch, loopback_only):
    """Through the resolver seam: the answer (the test server's own address)
    arrives after the fetch gave up; nothing connects to it."""
    answer_now, answered = threading.Event(), threading.Event()

    def resolve(host: str) -> list[str]:
        answer_now.wait(10)
        answered.set()
        return ["127.0.0.1"]

    monkeypatch.setattr(addresses, "resolve", resolve)
    port = http_server.server_address[1]
    with pytest.raises(FetchTimeout, match="resolving host late-dns.test did not finish within the 1 s timeout"):
        fetch(f"http://late-dns.test:{port}/article?late", FetchOptions(timeout=1))
    answer_now.set()
    assert answered.wait(5)
    time.sleep(0.2)
    assert http_server.attempts("/article?late") == 0
    assert loopback_only == []


def test_a_late_answer_is_not_pinned(monkeypatch):
    """The guard pins nothing for a lookup it gave up on; once its deadline
    has passed it starts no new lookup either."""
    answer_now = threading.Event()
    calls: list[str] = []

    def resolve(host: str) -> list[str]:
        calls.append(host)
        answer_now.wait(10)
        return ["10.0.0.1"]

    monkeypatch.setattr(addresses, "resolve", resolve)
    guard = HopGuard(deadline=time.monotonic() + 0.3, timeout=0.3)
    with pytest.raises(FetchTimeout):
        guard.addresses("late.test")
    answer_now.set()
    time.sleep(0.2)
    assert guard._pins == {}
    with pytest.raises(FetchTimeout):
        guard.addresses("late.test")
    assert calls == ["late.test"]


# --- lookups outside a fetch: a feed's link policy ---------------------------------------------


def test_a_link_policy_inside_a_fetch_ends_by_the_fetch_deadline(slow_dns, loopback_only):
    """A feed's links: `LinkPolicy` is the fetch's ``check_url`` and has no
    deadline of its own; the fetch's holds (not `LOOKUP_TIMEOUT`)."""
    assert addresses.LOOKUP_TIMEOUT > 5
    options = FetchOptions(timeout=2, check_url=LinkPolicy(Network.PUBLIC), trusted_network=Network.PUBLIC)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=f"resolving host {SLOW} did not finish within the 2 s timeout"):
        fetch(f"http://{SLOW}/story", options)
    assert time.monotonic() - started < 2 + OVERRUN
    assert loopback_only == []


def test_a_link_policy_outside_a_fetch_uses_its_timeout(slow_dns):
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=f"resolving host {SLOW} did not finish within the 1 s timeout"):
        LinkPolicy(Network.PUBLIC, timeout=1)(f"http://{SLOW}/story")
    assert time.monotonic() - started < 1 + OVERRUN


def test_url_network_without_a_timeout_is_bounded_by_the_default(slow_dns, monkeypatch):
    monkeypatch.setattr(addresses, "LOOKUP_TIMEOUT", 1.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        url_network(f"http://{SLOW}/feed.xml")
    assert time.monotonic() - started < 1 + OVERRUN
    assert info.value.message == (
        f"could not connect: resolving host {SLOW} did not finish within 1 s; check the DNS resolver or try later"
    )


def test_digest_a_feed_linking_to_a_hanging_name_ends_on_time(feed_server, slow_dns, tmp_path, monkeypatch):
    """`newsum digest`: the feed on 127.0.0.1 links to a name whose lookup
    hangs; the link fails with one line within the bound, the run goes on."""
    monkeypatch.setattr(addresses, "LOOKUP_TIMEOUT", 2.0)  # the bound outside a fetch, as --timeout below
    feed_server.publish("/story", BUDGET)
    items = [
        {"title": "Hangs", "link": f"http://{SLOW}/story", "guid": "hang-1", "date": "Wed, 01 May 2024 08:00:00 GMT"},
        {"title": "Works", "link": feed_server.url("/story"), "guid": "ok-1", "date": "Wed, 01 May 2024 07:00:00 GMT"},
    ]
    feed_server.publish("/mixed.xml", rss("Mixed", items), "application/rss+xml")
    state = ["--state", str(tmp_path / "state.db"), "--host-delay", "0", "--timeout", "2"]
    started = time.monotonic()
    result = CliRunner().invoke(app, ["digest", feed_server.url("/mixed.xml"), "-f", "json", *state])
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output  # something failed, the rest was digested
    lines = [line for line in result.stderr.splitlines() if SLOW in line]
    assert len(lines) == 1 and f"resolving host {SLOW} did not finish within" in lines[0], result.stderr
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    assert [e["code"] for e in data["errors"]] == ["timeout"]
    hangs, works = data["stories"]
    assert hangs["notes"] == [f"not summarised: {data['errors'][0]['message']}"]
    assert works["title"] == "Works" and works["actors"] and not works["notes"]
    # The lookup's 2 s, then the feed, loading the models and digesting "Works"
    # (about 2.5 s more); the resolver itself would hang for 60 s.
    assert elapsed < 2 + 6


# --- a fast lookup still works -----------------------------------------------------------------


def test_a_name_that_resolves_at_once_is_fetched(http_server, slow_dns, loopback_only):
    port = http_server.server_address[1]
    started = time.monotonic()
    page = fetch(f"http://{FAST}:{port}/article", FetchOptions(timeout=5))
    assert page.status == 200 and page.final_url == f"http://{FAST}:{port}/article"
    assert time.monotonic() - started < 2
    assert slow_dns.asked == [FAST]  # resolved once per fetch, pinned, connected to
    assert loopback_only == []


def test_summarize_a_name_that_resolves_at_once(http_server, slow_dns):
    port = http_server.server_address[1]
    result = summarize(f"http://{FAST}:{port}/article", "-f", "json", "--timeout", "5")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["article"]["title"] == "Council approves new budget"


# --- a real process exits on time, its stuck lookup left behind ------------------------------------

HANGING_RESOLVER = textwrap.dedent(
    """
    import socket, sys, time

    def getaddrinfo(host, *args, **kwargs):  # a resolver that never answers in time
        time.sleep(60)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    socket.getaddrinfo = getaddrinfo
    real_connect = socket.socket.connect

    def connect(self, address):  # as tests/conftest.py's loopback_only
        if isinstance(address, tuple) and not str(address[0]).startswith("127."):
            raise ConnectionRefusedError(111, f"the tests connect only to 127.0.0.0/8, not {address[0]}")
        return real_connect(self, address)

    socket.socket.connect = connect
    from newsum.cli import main

    main()
    """
)


def test_a_process_with_a_hanging_resolver_exits_at_the_timeout():
    """The stuck lookup thread is a daemon: the process does not wait for it."""
    url = f"http://{SLOW}/"
    command = [sys.executable, "-c", HANGING_RESOLVER, "summarize", url, "--timeout", "2"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    elapsed = time.monotonic() - started
    assert done.returncode == 3
    assert done.stderr == f"newsum: {url}: {message(SLOW, 2)}\n"
    assert elapsed < 2 + OVERRUN  # starting Python and importing newsum included
