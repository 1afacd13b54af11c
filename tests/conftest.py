from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "reuters-2022-01-28-russia-ukraine.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_digest(sample_text: str):
    from newsum.pipeline import digest_text

    return digest_text(sample_text, str(SAMPLE))


@pytest.fixture(scope="session")
def http_server():
    """A real HTTP server on 127.0.0.1 (tests/http_server.py), shared by the
    fetch tests and shut down at the end of the session."""
    from http_server import NewsServer

    server = NewsServer().start()
    yield server
    server.close()


@pytest.fixture(scope="session")
def https_server(tmp_path_factory):
    """An HTTPS server with a self-signed certificate: every fetch must refuse it."""
    from http_server import NewsServer, self_signed_context

    context = self_signed_context(tmp_path_factory.mktemp("tls"))
    if context is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    server = NewsServer(tls=context).start()
    yield server
    server.close()


@pytest.fixture
def feed_server():
    """A fresh feed server per test (tests/feed_server.py): three feeds (RSS,
    Atom, JSON Feed) and their articles; a test may publish more."""
    from feed_server import FeedServer

    server = FeedServer().bind().standard().start()
    yield server
    server.close()


@pytest.fixture
def loopback_only(monkeypatch) -> list[str]:
    """Every connect outside 127.0.0.0/8 fails at once and is recorded: the
    tests about private addresses and redirects use it (``pytestmark``), so a
    refusal that comes too late fails the test instead of reaching a network."""
    import socket

    attempts: list[str] = []
    real = socket.socket.connect

    def connect(self, address):
        if isinstance(address, tuple) and not str(address[0]).startswith("127."):
            attempts.append(str(address[0]))
            raise ConnectionRefusedError(111, f"the tests connect only to 127.0.0.0/8, not {address[0]}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts
