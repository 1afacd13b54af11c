"""Dates as news pages print them ("Jan. 28, 2022 7:29 PM EST", "28 January
2022", ISO 8601) read into ISO 8601, for plain text and HTML alike."""

from __future__ import annotations

import re

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{2,5})?"
)
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+" + MONTH_RE + r",?\s+(\d{4})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"\b" + MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE)
_TIME = re.compile(
    r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*(Z|[A-Z]{2,5}|[A-Z][a-z][A-Z]{2,3})?", re.IGNORECASE
)
# Offsets of time-zone abbreviations that news sites print after a time.
_TZ_OFFSETS = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "Z": "+00:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "IST": "+05:30",
    "BDST": "+06:00",
    "PKT": "+05:00",
    "SGT": "+08:00",
    "HKT": "+08:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PST": "-08:00",
    "PDT": "-07:00",
}


def parse_date(text: str) -> str | None:
    """An ISO 8601 date (with time and offset when the text has them), or None."""
    text = text.strip()
    iso = _ISO_DATE.search(text)
    if iso:
        year, month, day, hour, minute, second, zone = iso.groups()
        date = f"{year}-{month}-{day}"
        if hour is None:
            return date
        return f"{date}T{int(hour):02d}:{minute}:{second or '00'}{_offset(zone)}"
    match = _DAY_MONTH_YEAR.search(text)
    if match:
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        match = _MONTH_DAY_YEAR.search(text)
        if not match:
            return None
        month, day, year = match.group(1), match.group(2), match.group(3)
    month_number = _MONTHS.get(month.lower().rstrip("."))
    if not month_number or not 1 <= int(day) <= 31:
        return None
    date = f"{int(year):04d}-{month_number:02d}-{int(day):02d}"
    time = _TIME.search(text[match.end() :])
    if time:
        hour, minute = int(time.group(1)), time.group(2)
        suffix = (time.group(4) or "").lower().replace(".", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        if suffix == "am" and hour == 12:
            hour = 0
        return f"{date}T{hour:02d}:{minute}:{time.group(3) or '00'}{_offset(time.group(5))}"
    return date


def _offset(zone: str | None) -> str:
    if not zone:
        return ""
    if zone[0] in "+-":
        return zone if ":" in zone else f"{zone[:3]}:{zone[3:]}"
    return _TZ_OFFSETS.get(zone.upper(), "")
