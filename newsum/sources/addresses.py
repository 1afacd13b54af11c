"""Which network a URL points into, so a feed cannot aim newsum at a more
private one than its own.

A public feed is written by someone else. Without this rule, an item linking
to ``http://127.0.0.1:8080/admin``, ``http://10.0.0.1/`` or the cloud
metadata address ``http://169.254.169.254/`` would make a cron job on a
server fetch it (server-side request forgery). Networks are ordered from
public to most private; a link may point into the feed's own network or a
more public one. Sources the user names directly are trusted and not checked.

Limit: the host is resolved here and again when httpx connects, so a DNS
server that answers differently the second time (DNS rebinding) can slip
past; the check still stops every plain link and redirect.
"""

from __future__ import annotations

import enum
import ipaddress
import socket
from dataclasses import dataclass
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
