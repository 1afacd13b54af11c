"""Which network a URL points into, so neither a redirect nor a feed can aim
newsum at a more private one than the URL the user named.

A public page or feed is written by someone else. Without this rule, a
redirect to (or an item linking to) ``http://127.0.0.1:8080/admin``,
``http://10.0.0.1/`` or the cloud metadata address
``http://169.254.169.254/`` would make a cron job on a server fetch it
(server-side request forgery) and print the answer into a digest. Networks
are ordered from public to most private; a hop may point into the named URL's
own network or a more public one. The URL the user names is trusted as named
(an intranet or loopback URL works).

`HopGuard` applies the rule to every connection of one fetch: each host is
resolved once, its addresses pinned (the connection goes to exactly the
addresses that were checked, so DNS rebinding cannot slip a second answer
past), and a redirect into a more private network is refused before any
connection is made.

Every lookup ends on time (`lookup`): ``getaddrinfo`` cannot be cancelled and
a broken resolver can hold it for 20-40 s, so it runs in a daemon thread and
the caller stops waiting at the fetch's deadline (`HopGuard.deadline`, or the
one `lookups_by` sets for a whole fetch, which covers a feed's `LinkPolicy`
called from inside it), else after the caller's ``timeout``, else after
`LOOKUP_TIMEOUT`. A lookup that does not finish in time is a `FetchTimeout`
("could not connect: resolving host ... did not finish within ..."); its late
answer is dropped by the abandoned thread, never pinned or connected to.
"""

from __future__ import annotations

import enum
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

from newsum.errors import FetchTimeout, PrivateAddressRefused

_T = TypeVar("_T")

LOOKUP_TIMEOUT = 10.0
"""Seconds a host lookup may take when neither a fetch's deadline nor the
caller's ``timeout`` bounds it (FetchOptions' default connect timeout:
resolving is the first step of connecting)."""


class Network(enum.IntEnum):
    """Ordered: a larger value is more private."""

    PUBLIC = 0
    PRIVATE = 1
    """RFC 1918 LANs, carrier-grade NAT, unique-local IPv6, reserved ranges."""
    LINK_LOCAL = 2
    """169.254.0.0/16 and fe80::/10: cloud metadata services live here."""
    LOOPBACK = 3
    """This machine: 127.0.0.0/8, ::1, 0.0.0.0, ``localhost``."""
    LOCAL_FILE = 4
    """``file:`` and any other non-network scheme."""


_WORDS = {
    Network.PUBLIC: "the public internet",
    Network.PRIVATE: "a private network",
    Network.LINK_LOCAL: "a link-local address",
    Network.LOOPBACK: "this machine (loopback)",
    Network.LOCAL_FILE: "a local file",
}


def resolve(host: str) -> list[str]:
    """The addresses ``host`` resolves to (a seam for tests); [] when it does not.
    Blocks as long as the resolver does: call it through `lookup`."""
    try:
        return [str(info[4][0]) for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]
    except (OSError, UnicodeError):
        return []


@dataclass(frozen=True)
class _Bound:
    """When a lookup must have ended (a `time.monotonic` time) and, for the
    message, the timeout it comes from (``option``: the user's ``--timeout``)."""

    deadline: float
    timeout: float
    option: bool = True


_fetch_bound: ContextVar[_Bound | None] = ContextVar("newsum_lookup_bound", default=None)


@contextmanager
def lookups_by(deadline: float, timeout: float) -> Iterator[None]:
    """Every lookup made meanwhile in this thread (context) without a deadline
    of its own ends by ``deadline``, the fetch's: `newsum.sources.fetch` sets
    it for a whole fetch, so the ``check_url`` it calls (a feed's `LinkPolicy`)
    is bounded too. ``timeout`` is the ``--timeout`` it comes from."""
    token = _fetch_bound.set(_Bound(deadline, timeout))
    try:
        yield
    finally:
        _fetch_bound.reset(token)


def _bound(deadline: float | None, timeout: float | None) -> _Bound:
    """The caller's deadline, else the fetch's (`lookups_by`), else ``timeout``
    (the user's ``--timeout``) from now, else `LOOKUP_TIMEOUT` from now."""
    if deadline is not None:
        if timeout is None:
            return _Bound(deadline, round(max(0.0, deadline - time.monotonic()), 1), option=False)
        return _Bound(deadline, timeout)
    ambient = _fetch_bound.get()
    if ambient is not None:
        return ambient
    if timeout is not None:
        return _Bound(time.monotonic() + timeout, timeout)
    return _Bound(time.monotonic() + LOOKUP_TIMEOUT, LOOKUP_TIMEOUT, option=False)


def _too_slow(host: str, bound: _Bound) -> FetchTimeout:
    if bound.option:
        return FetchTimeout(
            f"could not connect: resolving host {host} did not finish within the {bound.timeout:g} s timeout; "
            "check the DNS resolver, raise --timeout or try later"
        )
    return FetchTimeout(
        f"could not connect: resolving host {host} did not finish within {bound.timeout:g} s; "
        "check the DNS resolver or try later"
    )


def _by(bound: _Bound, host: str, call: Callable[[], _T]) -> _T:
    """``call()`` (a lookup of ``host``), or `FetchTimeout` when it has not
    returned by ``bound.deadline``.

    The call runs in a daemon thread: ``getaddrinfo`` cannot be interrupted,
    and a daemon thread still stuck in it does not hold up the process's exit.
    Its answer goes into a box only this call reads, and only before giving
    up: an answer that comes late is dropped with the thread, so it can never
    be pinned or connected to."""
    left = bound.deadline - time.monotonic()
    if left <= 0:
        raise _too_slow(host, bound)
    done = threading.Event()
    answer: list[_T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            answer.append(call())
        except BaseException as exc:  # handed to the caller, raised there
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name=f"newsum-lookup {host}", daemon=True).start()
    if not done.wait(left):
        raise _too_slow(host, bound)
    if failure:
        raise failure[0]
    return answer[0]


def lookup(host: str, deadline: float | None = None, timeout: float | None = None) -> list[str]:
    """`resolve` ``host``, waiting no later than ``deadline`` (a `time.monotonic`
    time; ``timeout`` is the ``--timeout`` it comes from, for the message).
    Without one: the fetch's deadline (`lookups_by`), else ``timeout`` seconds,
    else `LOOKUP_TIMEOUT`. Raises `FetchTimeout` when the resolver is slower."""
    seam = resolve  # looked up now, so a test's replacement is the one called
    return _by(_bound(deadline, timeout), host, lambda: seam(host))


def resolution_failure(host: str, deadline: float | None = None, timeout: float | None = None) -> str:
    """Why ``host`` does not resolve, in the resolver's words (asked again,
    bounded like `lookup`: `resolve` keeps only addresses; nothing connects
    to this answer)."""

    def ask() -> str:
        try:
            socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except socket.gaierror as exc:
            return exc.strerror or str(exc)
        except (OSError, UnicodeError) as exc:
            return str(exc) or type(exc).__name__
        return "no usable address"

    return _by(_bound(deadline, timeout), host, ask)


def address_network(address: str) -> Network:
    """The network of one IP address (IPv4-mapped IPv6 judged as IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return Network.PRIVATE  # not an address we understand: assume the worst but loopback
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback or ip.is_unspecified:  # connecting to 0.0.0.0 reaches this machine
        return Network.LOOPBACK
    if ip.is_link_local:
        return Network.LINK_LOCAL
    if not ip.is_global:
        return Network.PRIVATE
    return Network.PUBLIC


def url_network(url: str, timeout: float | None = None) -> Network:
    """The most private network the URL's host resolves into (a name with a
    public and a loopback address counts as loopback). An unresolvable host
    counts as public: the fetch will fail on its own. The lookup is bounded
    like `lookup` (inside a fetch by its deadline, else by ``timeout``, the
    user's ``--timeout``, else by `LOOKUP_TIMEOUT`); a slower one raises
    `FetchTimeout`."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return Network.LOCAL_FILE
    host = (parts.hostname or "").strip("[]")
    if not host:
        return Network.LOCAL_FILE
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return Network.LOOPBACK
    try:
        return address_network(str(ipaddress.ip_address(host)))
    except ValueError:
        pass
    networks = [address_network(a) for a in lookup(host, timeout=timeout)]
    return max(networks, default=Network.PUBLIC)


@dataclass(frozen=True)
class LinkPolicy:
    """The rule for links found in one feed: none may lead (directly or by a
    redirect) into a more private network than the feed's. Called by the
    fetcher before every request (`newsum.sources.fetch.FetchOptions.check_url`).

    ``timeout``: the bound on a lookup made outside a fetch (the user's
    ``--timeout``; None: `LOOKUP_TIMEOUT`); inside a fetch its deadline holds."""

    feed_network: Network
    allow_private: bool = False
    timeout: float | None = None

    def __call__(self, url: str) -> None:
        if self.allow_private:
            return
        network = url_network(url, self.timeout)
        if network > self.feed_network:
            raise PrivateAddressRefused(
                f"refused: the feed links to {_WORDS[network]}, more private than the feed itself "
                f"({_WORDS[self.feed_network]}); pass --allow-private if you trust this feed",
                url,
            )


@dataclass
class HopGuard:
    """The address policy of one fetch (every attempt, redirect and connection).

    ``ceiling``: the most private network a connection may reach; None means
    "where the first URL points", set by `trust` (the user named it). A feed's
    links get the feed's network. ``origin`` names what set the ceiling, for
    messages. ``deadline`` (a `time.monotonic` time) ends every lookup, and
    ``timeout`` is the ``--timeout`` it comes from (see `lookup`)."""

    ceiling: Network | None = None
    allow_private: bool = False
    origin: str = "the URL you named"
    deadline: float | None = None
    timeout: float | None = None
    _pins: dict[str, list[str]] = field(default_factory=dict)

    def addresses(self, host: str) -> list[str]:
        """``host``'s addresses, resolved once per fetch ([] when it does not
        resolve); `FetchTimeout` when the lookup does not end by the deadline
        (nothing is pinned then)."""
        key = host.strip("[]").lower()
        if key not in self._pins:
            try:
                self._pins[key] = [str(ipaddress.ip_address(key.split("%", 1)[0]))]
            except ValueError:
                self._pins[key] = lookup(key, self.deadline, self.timeout)
        return self._pins[key]

    def failure(self, host: str) -> str:
        """Why ``host`` has no addresses, in the resolver's words, by the deadline."""
        return resolution_failure(host.strip("[]").lower(), self.deadline, self.timeout)

    def network(self, host: str) -> Network:
        """The most private network among ``host``'s addresses."""
        return max((address_network(a) for a in self.addresses(host)), default=Network.PUBLIC)

    def trust(self, url: str) -> None:
        """The first URL: where it points sets the ceiling (when none was given)."""
        if self.ceiling is None:
            self.ceiling = self.network(urlsplit(url).hostname or "")

    def check_redirect(self, url: str) -> None:
        """Refuse a redirect to a more private network than the ceiling, before connecting."""
        if self.allow_private or self.ceiling is None:
            return
        network = self.network(urlsplit(url).hostname or "")
        if network > self.ceiling:
            raise PrivateAddressRefused(
                f"refused redirect to {url}: it leads to {_WORDS[network]}, more private than "
                f"{self.origin} ({_WORDS[self.ceiling]}); pass --allow-private to follow it"
            )

    def allowed(self, host: str) -> list[str]:
        """The pinned addresses a connection to ``host`` may use; raises
        `PrivateAddressRefused` when every one is more private than the ceiling."""
        addresses = self.addresses(host)
        if self.allow_private or self.ceiling is None or not addresses:
            return addresses
        ceiling = self.ceiling
        allowed = [a for a in addresses if address_network(a) <= ceiling]
        if not allowed:
            network = max(address_network(a) for a in addresses)
            raise PrivateAddressRefused(
                f"refused to connect to {host} ({addresses[0]}): it is {_WORDS[network]}, more private than "
                f"{self.origin} ({_WORDS[ceiling]}); pass --allow-private to allow it"
            )
        return allowed
