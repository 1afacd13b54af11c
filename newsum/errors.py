"""Domain exceptions and the exit codes they map to.

Every failure a user can cause (a missing file, binary input, an article with no
text) is a `NewsumError` whose message says what to do about it. The CLI turns
them into one stderr line and an exit code here, in one place, so a new error
never needs a new ``except`` clause anywhere else.
"""

from __future__ import annotations

import enum

from newsum.sanitize import clean


class ExitCode(enum.IntEnum):
    """Process exit statuses, documented in the README and ``newsum --help``."""

    OK = 0
    """Every input produced a digest."""
    PARTIAL = 1
    """Some inputs failed; the others were digested (errors on stderr / error records)."""
    USAGE = 2
    """Bad command line: unknown option, conflicting options, bad value."""
    FAILED = 3
    """Nothing usable: every input failed."""
    INTERNAL = 4
    """A bug in newsum: one line on stderr, ``--debug`` shows the traceback."""
    LOCKED = 75
    """``newsum digest``/``newsum state``: another run held the state lock for
    longer than ``--wait``; nothing was fetched, printed or marked seen. 75 is
    sysexits' EX_TEMPFAIL ("try again later"), which cron wrappers know."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (SIGINT)."""


class NewsumError(Exception):
    """Base class: a failure with a message the user can act on.

    ``code`` is a short stable identifier that machine formats carry in error
    records, so scripts can branch on it without parsing English.
    """

    code = "error"

    def __init__(self, message: str, source: str | None = None) -> None:
        # Messages quote servers and feeds (a reason phrase, a parser's
        # complaint): cleaned here, once, so no error line or record carries
        # a terminal escape.
        message = clean(message)
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message}"
        return self.message


class UsageError(NewsumError):
    """The command line asks for something impossible (e.g. two length limits)."""

    code = "usage"


class MissingExtra(UsageError):
    """The command needs an optional extra that is not installed (``newsum[eval]``)."""

    code = "missing_extra"


class InputError(NewsumError):
    """One input could not be turned into a digest; other inputs go on."""

    code = "input_error"


class SourceNotFound(InputError):
    code = "not_found"


class SourceIsDirectory(InputError):
    code = "is_directory"


class SourceUnreadable(InputError):
    code = "unreadable"


class UnsupportedSource(InputError):
    code = "unsupported_source"


class EmptyInput(InputError):
    code = "empty_input"


class BinaryInput(InputError):
    code = "binary_input"


class UndecodableInput(InputError):
    code = "undecodable_input"


class InputTooLarge(InputError):
    code = "too_large"


class NoArticleText(InputError):
    code = "no_article_text"


class BadRecord(InputError):
    """A line of an evaluation data file (JSONL) that is not a usable record;
    the source names the file and the line (``data.jsonl:7``)."""

    code = "bad_record"


# Fetching a URL (newsum/fetch.py). Each is an InputError, so a bad server costs
# one error record in a batch, never the batch.


class InvalidURL(InputError):
    code = "invalid_url"


class FetchTimeout(InputError):
    """No complete response in time: connect, read, or the overall deadline."""

    code = "timeout"


class ConnectionFailed(InputError):
    """No connection (refused, DNS, TLS) or the connection broke mid-response."""

    code = "connection_failed"


class TooManyRedirects(InputError):
    code = "too_many_redirects"


class HTTPError(InputError):
    """The server answered with an error status.

    The attributes let a library caller branch on the status without parsing
    the message. They have defaults so the exception pickles across processes.
    """

    code = "http_error"

    def __init__(
        self,
        message: str,
        source: str | None = None,
        *,
        status: int = 0,
        reason: str = "",
        url: str = "",
        final_url: str = "",
    ) -> None:
        super().__init__(message, source)
        self.status = status
        self.reason = reason
        self.url = url
        self.final_url = final_url


class NotAnArticle(InputError):
    """The URL serves something other than a page: a PDF, an image, JSON, a feed."""

    code = "not_an_article"


class BadResponse(InputError):
    """The server sent something broken: corrupt compressed data, an unknown
    Content-Encoding, a malformed HTTP response."""

    code = "bad_response"


# Feeds, cron runs and their state (newsum digest, newsum state).


class MalformedFeed(InputError):
    """Looks like a feed (XML or JSON) but cannot be read as one."""

    code = "malformed_feed"


class PrivateAddressRefused(InputError):
    """A redirect, or a link found in a feed, points to a more private network
    than the URL the user named (loopback, a private LAN, link-local, a file);
    ``--allow-private`` lifts the rule. Raised before any connection is made."""

    code = "private_address"


class SourceGone(InputError):
    """HTTP 410: the source says it is gone for good; it is disabled in the state."""

    code = "gone"


class SourceDisabled(InputError):
    """A source disabled in the state (after a 410); ``newsum state forget URL``
    enables it again."""

    code = "disabled"


class StateError(NewsumError):
    """The state database cannot be opened or used (unwritable directory, a
    file that is not newsum's database, a newer schema than this newsum knows)."""

    code = "state_error"


class StateLocked(NewsumError):
    """Another newsum run holds the state lock and did not let go within ``--wait``."""

    code = "locked"


class ConfigError(UsageError):
    """The feeds file (``--feeds``) is missing or not valid TOML of the documented shape."""

    code = "bad_config"


def exit_code_of(error: NewsumError) -> ExitCode:
    """The exit status of a command stopped by ``error``: the command line (or the
    installation) is wrong, another run holds the state, or there is nothing
    usable to work on."""
    if isinstance(error, UsageError):
        return ExitCode.USAGE
    if isinstance(error, StateLocked):
        return ExitCode.LOCKED
    return ExitCode.FAILED


def exit_code_for(total: int, failed: int) -> ExitCode:
    """Why three outcomes: cron jobs need to tell "all fine", "look at the log"
    and "nothing came out" apart without parsing output."""
    if failed == 0:
        return ExitCode.OK
    if failed < total:
        return ExitCode.PARTIAL
    return ExitCode.FAILED
