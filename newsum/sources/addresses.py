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
"""

from __future__ import annotations

import enum
import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsum.errors import PrivateAddressRefused


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
    """The addresses ``host`` resolves to (a seam for tests); [] when it does not."""
    try:
        return [str(info[4][0]) for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)]
    except (OSError, UnicodeError):
        return []


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


def url_network(url: str) -> Network:
    """The most private network the URL's host resolves into (a name with a
    public and a loopback address counts as loopback). An unresolvable host
    counts as public: the fetch will fail on its own."""
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
    networks = [address_network(a) for a in resolve(host)]
    return max(networks, default=Network.PUBLIC)


@dataclass(frozen=True)
class LinkPolicy:
    """The rule for links found in one feed: none may lead (directly or by a
    redirect) into a more private network than the feed's. Called by the
    fetcher before every request (`newsum.sources.fetch.FetchOptions.check_url`)."""

    feed_network: Network
    allow_private: bool = False

    def __call__(self, url: str) -> None:
        if self.allow_private:
            return
        network = url_network(url)
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
    messages."""

    ceiling: Network | None = None
    allow_private: bool = False
    origin: str = "the URL you named"
    _pins: dict[str, list[str]] = field(default_factory=dict)

    def addresses(self, host: str) -> list[str]:
        """``host``'s addresses, resolved once per fetch ([] when it does not resolve)."""
        key = host.strip("[]").lower()
        if key not in self._pins:
            try:
                self._pins[key] = [str(ipaddress.ip_address(key.split("%", 1)[0]))]
            except ValueError:
                self._pins[key] = resolve(key)
        return self._pins[key]

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
