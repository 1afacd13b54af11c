"""Benchmark of newsum's direct quotes and their speakers on PolNeAR articles.

    python -m benchmarks.quotes --data ../shared/data/quotes/dev.jsonl [--limit N] \\
        [--out pred.jsonl] [--format table|markdown|json] [--update-readme README.md]

Each record's text goes through newsum's own sentence splitter, actors stage
and quotes stage (``newsum.analyses.quotes.attribute``: every quote, not only the key
ones), and the quotes are scored the way ``../shared/eval/eval_quotes.py`` (the
scorer of record) scores them, for direct quotes:

* spans are sets of characters, trimmed of whitespace, quote marks and edge
  punctuation, so whether a prediction includes its marks does not matter;
* every prediction goes to the gold quote (of any type) it overlaps most;
  predictions on mixed or indirect gold quotes are ignored, several
  predictions on one gold quote are pooled (a quote split by "he said" is
  one hit);
* loose hit: the pooled predictions cover >= 30 % of the gold quote;
  strict: coverage and purity both >= 80 %;
* speaker accuracy over loose hits: names compared without titles, accents and
  possessives (surnames agree, and first names or initials when both have
  them, or one name's words contain the other's); the gold speaker or any of
  its alternatives may match; gold speakers that are bare pronouns are left out;
* end-to-end: a loose hit with the right speaker.

Beside newsum it scores a baseline the issue names, a regex with the nearest
name (quotes between marks, speaker = the closest capitalised name before or
after), the human ceiling (``agreement.jsonl``: several annotators' versions of
22 other articles, each scored against each other with the same rules), and
prints the published figures of the other reference systems.
``--out`` writes newsum's predictions as ``{"id", "quotes": [{"start", "end",
"speaker"}]}`` lines so the scorer of record can check the figures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import _readme as readme

PROG = "python -m benchmarks.quotes"
HEADERS = (
    "system",
    "quote P",
    "quote R",
    "quote F1",
    "strict F1",
    "speaker acc",
    "end-to-end P",
    "end-to-end R",
    "end-to-end F1",
)
# Figures the issue quotes for systems that are not run here (PolNeAR, direct quotes).
PUBLISHED = (
    ("textacy direct_quotations (spaCy), published", "66.8"),
    ("rule pipeline on a spaCy parse, published", "70.0"),
)
HUMANS = "human annotators, each against each other (agreement.jsonl, its own 22 articles)"

_MARKS = "\"'“”‘’„‚«»‹›`´"
_EDGE = _MARKS + " \t\n\r,.;:!?…-–—()[]"
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "president",
        "vice",
        "secretary",
        "gen",
        "general",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "the",
        "former",
        "chairman",
        "chairwoman",
        "speaker",
        "minister",
        "prime",
        "judge",
        "justice",
        "mayor",
        "lt",
        "col",
        "capt",
        "sgt",
        "jr",
        "sr",
        "ii",
        "iii",
        "u",
        "s",
        "us",
        "candidate",
        "nominee",
        "presidential",
        "democratic",
        "republican",
        "gop",
        "state",
        "attorney",
        "chief",
        "of",
        "a",
        "an",
        "mp",
        "pm",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "coach",
    ]
)
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "i",
        "we",
        "you",
        "it",
        "him",
        "her",
        "them",
        "me",
        "us",
        "his",
        "hers",
        "their",
        "theirs",
        "my",
        "mine",
        "our",
        "ours",
        "its",
        "your",
        "who",
        "this",
        "that",
        "these",
        "those",
        "which",
    ]
)


class BenchmarkError(Exception):
    """Bad input: exit status 2."""


@dataclass
class Tally:
    """Counts summed over articles; the figures derive from them."""

    gold: int = 0
    predicted: int = 0
    ignored: int = 0
    loose_tp: int = 0
    loose_fp: int = 0
    loose_fn: int = 0
    strict_tp: int = 0
    strict_fp: int = 0
    strict_fn: int = 0
    speaker_ok: int = 0
    speaker_judged: int = 0
    speaker_unknown: int = 0
    e2e_tp: int = 0
    buckets: dict[str, list[int]] = field(default_factory=dict)
    """bucket -> [gold, loose hits, speakers judged, speakers right]"""

    def add(self, other: Tally) -> None:
        for name in (
            "gold",
            "predicted",
            "ignored",
            "loose_tp",
            "loose_fp",
            "loose_fn",
            "strict_tp",
            "strict_fp",
            "strict_fn",
            "speaker_ok",
            "speaker_judged",
            "speaker_unknown",
            "e2e_tp",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, counts in other.buckets.items():
            mine = self.buckets.setdefault(key, [0, 0, 0, 0])
            for i, value in enumerate(counts):
                mine[i] += value

    def figures(self) -> dict[str, Any]:
        wrong_speaker = self.loose_tp - self.e2e_tp
        return {
            "loose": prf(self.loose_tp, self.loose_fp, self.loose_fn),
            "strict": prf(self.strict_tp, self.strict_fp, self.strict_fn),
            "speaker_accuracy": round(100 * self.speaker_ok / self.speaker_judged, 1) if self.speaker_judged else None,
            "end_to_end": prf(self.e2e_tp, self.loose_fp + wrong_speaker, self.loose_fn + wrong_speaker),
        }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Percentages rounded to one decimal, as the scorer of record prints them."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


# ---------------------------------------------------------------- spans
def characters(text: str, quote: dict[str, Any]) -> set[int]:
    pieces = quote.get("spans") or [[quote["start"], quote["end"]]]
    chars: set[int] = set()
    for start, end in pieces:
        start, end = int(start), int(end)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        chars.update(range(start, end))
    return chars


# ---------------------------------------------------------------- names
def name_words(name: str | None) -> list[str]:
    """Lower-case name words without titles, accents, possessives or pronouns."""
    if not name:
        return []
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).replace("’", "'").lower()
    name = re.sub(r"'s\b", "", name)
    name = re.sub(r"\([^)]*\)", " ", name).split(",")[0]
    words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", name) if w not in _TITLES]
    return [w for w in words if w not in _PRONOUNS]


def same_person(predicted: str | None, gold: str | None) -> bool:
    p, g = name_words(predicted), name_words(gold)
    if not p or not g:
        return False
    if len(p) >= 2 and len(g) >= 2 and p[-1] == g[-1]:
        return p[0] == g[0] or (len(p[0]) == 1 and g[0].startswith(p[0])) or (len(g[0]) == 1 and p[0].startswith(g[0]))
    if p[-1] == g[-1]:
        return True
    return set(p) <= set(g) or set(g) <= set(p)


def speaker_right(gold: dict[str, Any], predicted: str | None) -> bool | None:
    """None when the gold speaker is an unresolved pronoun or title: not judged."""
    names = [gold.get("speaker"), *(gold.get("speaker_alternatives") or [])]
    if gold.get("speaker") is None and not gold.get("speaker_alternatives"):
        return not name_words((predicted or "").strip())
    if not any(name_words(n) for n in names):
        return None
    return any(same_person((predicted or "").strip(), n) for n in names if n)


# ---------------------------------------------------------------- scoring
def score_article(record: dict[str, Any], predictions: list[dict[str, Any]]) -> Tally:
    text = record["text"]
    tally = Tally(predicted=len(predictions))
    golds = [
        (q, chars, q.get("type", "direct") == "direct") for q in record["quotes"] if (chars := characters(text, q))
    ]
    homes: dict[int, list[int]] = {}
    predicted = [characters(text, p) for p in predictions]
    for p_index, chars in enumerate(predicted):
        best, best_overlap = None, 0
        for g_index, (_, gold_chars, target) in enumerate(golds):
            overlap = len(chars & gold_chars)
            if overlap > best_overlap or (overlap == best_overlap and overlap > 0 and target and not golds[best][2]):
                best, best_overlap = g_index, overlap
        if best is None:
            tally.loose_fp += 1
            tally.strict_fp += 1
        elif not golds[best][2]:
            tally.ignored += 1
        else:
            homes.setdefault(best, []).append(p_index)
    for g_index, (gold, gold_chars, target) in enumerate(golds):
        if target:
            _score_gold(tally, gold, gold_chars, [(predictions[i], predicted[i]) for i in homes.get(g_index, [])])
    return tally


def _score_gold(
    tally: Tally, gold: dict[str, Any], gold_chars: set[int], pooled: list[tuple[dict[str, Any], set[int]]]
) -> None:
    tally.gold += 1
    chars = set().union(*(c for _, c in pooled)) if pooled else set()
    shared = len(gold_chars & chars)
    coverage = shared / len(gold_chars)
    purity = shared / len(chars) if chars else 0.0
    loose = bool(pooled) and coverage >= 0.3
    strict = bool(pooled) and coverage >= 0.8 and purity >= 0.8
    keys = [
        "all",
        "pronoun speaker" if gold.get("speaker_is_pronoun") else "named or nominal speaker",
        "several paragraphs" if gold.get("n_paragraphs", 1) > 1 else "one paragraph",
        f"speaker method: {gold.get('speaker_method')}",
    ]
    right = None
    if loose:
        tally.loose_tp += 1
        main = max(pooled, key=lambda pc: len(pc[1] & gold_chars))[0]
        right = speaker_right(gold, main.get("speaker"))
        if right is None:
            tally.speaker_unknown += 1
        else:
            tally.speaker_judged += 1
            tally.speaker_ok += int(right)
        if right or right is None:
            tally.e2e_tp += 1
    else:
        tally.loose_fn += 1
        tally.loose_fp += len(pooled)
    for key in keys:
        counts = tally.buckets.setdefault(key, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += int(loose)
        counts[2] += int(right is not None)
        counts[3] += int(bool(right))
    if strict:
        tally.strict_tp += 1
    else:
        tally.strict_fn += 1
        tally.strict_fp += 1 if loose else len(pooled)


# ---------------------------------------------------------------- systems
LANGUAGE = "en"
"""The language of the records (``--language``, else detected from the first record)."""


def newsum_quotes(text: str) -> list[dict[str, Any]]:
    """newsum's quotes stage on a plain article text (offsets into ``text``),
    read in `LANGUAGE` as the pipeline reads it (English: the English rules)."""
    from newsum.analyses import actors, quotes
    from newsum.nlp.languages import get, registered_language
    from newsum.nlp.text import split_sentences

    language = registered_language(LANGUAGE)
    if language is None:
        index = actors.find_actors(text, split_sentences(text), "english")
        found = quotes.attribute(text, index, min_words=1, partial=False)
    else:
        from newsum.nlp.languages.sentences import split_sentences as split_in

        sentences = split_in(text, language)
        index = actors.find_actors(text, sentences, get(LANGUAGE).name)
        found = quotes.attribute_in(language, text, index, min_words=1, sentences=sentences, partial=True)
    return [{"start": q.start, "end": q.end, "speaker": q.speaker} for q in found]


_REGEX_QUOTE = re.compile(r"[\"“](?P<q>[^\"“”]{2,}?)[\"”]")
_REGEX_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def regex_quotes(text: str) -> list[dict[str, Any]]:
    """The baseline: text between double quote marks, speaker the nearest capitalised name."""
    found = []
    for match in _REGEX_QUOTE.finditer(text):
        names = [
            (abs(m.start() - match.end()) if m.start() >= match.end() else match.start() - m.end(), m.group())
            for m in _REGEX_NAME.finditer(text, max(0, match.start() - 200), min(len(text), match.end() + 200))
            if m.end() <= match.start() or m.start() >= match.end()
        ]
        speaker = min(names)[1] if names else None
        found.append({"start": match.start("q"), "end": match.end("q"), "speaker": speaker})
    return found


SYSTEMS = {"newsum": newsum_quotes, "regex + nearest name": regex_quotes}


def run(records: Sequence[dict[str, Any]]) -> tuple[dict[str, Tally], dict[str, list[dict[str, Any]]], float]:
    """Tallies per system, newsum's predictions per article id, newsum's seconds per article."""
    tallies: dict[str, Tally] = {}
    predictions: dict[str, list[dict[str, Any]]] = {}
    seconds = 0.0
    for name, system in SYSTEMS.items():
        total = Tally()
        for record in records:
            started = time.perf_counter()
            found = system(record["text"])
            if name == "newsum":
                seconds += time.perf_counter() - started
                predictions[record["id"]] = found
            total.add(score_article(record, found))
        tallies[name] = total
    return tallies, predictions, seconds / max(1, len(records))


def agreement(path: Path) -> Tally:
    """The human ceiling: every annotator's direct quotes scored against every
    other annotator's version of the same article (ids are ``article#annotator``)."""
    versions: dict[str, list[dict[str, Any]]] = {}
    for record in read_records(path):
        versions.setdefault(record["id"].split("#")[0], []).append(record)
    total = Tally()
    for copies in versions.values():
        for gold in copies:
            for other in copies:
                if other is not gold:
                    said = [
                        {"start": q["start"], "end": q["end"], "spans": q.get("spans"), "speaker": q.get("speaker")}
                        for q in other["quotes"]
                        if q.get("type") == "direct"
                    ]
                    total.add(score_article(gold, said))
    return total


def rows(tallies: dict[str, Tally]) -> list[list[str]]:
    table = []
    for name, tally in tallies.items():
        f = tally.figures()
        acc = "" if f["speaker_accuracy"] is None else f"{f['speaker_accuracy']:.1f}"
        table.append(
            [
                name,
                *(f"{v:.1f}" for v in f["loose"]),
                f"{f['strict'][2]:.1f}",
                acc,
                *(f"{v:.1f}" for v in f["end_to_end"]),
            ]
        )
    for name, e2e in PUBLISHED:
        table.append([name, "", "", "", "", "", "", "", e2e])
    return table


def bucket_rows(tally: Tally) -> list[list[str]]:
    table = []
    for key, (gold, hits, judged, right) in sorted(tally.buckets.items()):
        recall = f"{100 * hits / gold:.1f}" if gold else ""
        accuracy = f"{100 * right / judged:.1f}" if judged else ""
        table.append([key, str(gold), recall, accuracy, str(judged)])
    return table


def read_records(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                record["id"], record["text"], record["quotes"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BenchmarkError(f"{path}:{number}: not a quotes record ({exc})") from None
            records.append(record)
    return records


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Score newsum's direct quotes and speakers as ../shared/eval/eval_quotes.py does."
    )
    parser.add_argument("--data", type=Path, required=True, help="quotes JSONL (../shared/data/quotes/dev.jsonl)")
    parser.add_argument("--limit", type=readme.positive_int, help="use only the first N articles")
    parser.add_argument(
        "--language",
        help="the records' language, a code or name (de, german) [default: detected from the first record]",
    )
    parser.add_argument("--out", type=Path, help="write newsum's predictions here as JSONL")
    parser.add_argument(
        "--agreement",
        type=Path,
        help="annotator versions for the human row (default: agreement.jsonl beside --data, if there)",
    )
    readme.add_output_options(parser, "quotes", "<data file stem>")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    key = args.data.stem
    try:
        if not args.data.is_file():
            raise BenchmarkError(f"no such data file: {args.data}")
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "quotes", key)
        if args.out is not None and not args.out.parent.is_dir():
            raise BenchmarkError(f"directory of --out does not exist: {args.out.parent}")
        records = read_records(args.data)
    except (BenchmarkError, readme.ReadmeError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    records = records[: args.limit] if args.limit else records
    humans = args.agreement or args.data.parent / "agreement.jsonl"
    global LANGUAGE  # noqa: PLW0603 - the systems are plain functions of the text
    from newsum.nlp.languages import UnknownLanguage, detect, get

    try:
        LANGUAGE = get(args.language).code if args.language else detect(records[0]["text"] if records else "")[0]
    except UnknownLanguage as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    tallies, predictions, seconds = run(records)
    if humans.is_file():
        try:
            tallies[HUMANS] = agreement(humans)
        except (BenchmarkError, OSError, UnicodeDecodeError, KeyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    ours = tallies["newsum"]
    header = (
        f"{args.data.name} ({get(LANGUAGE).name}): {len(records)} articles, {ours.gold} direct quotes, {ours.predicted} predicted by newsum "
        f"({ours.ignored} on mixed/indirect quotes, ignored); {1000 * seconds:.1f} ms/article"
    )
    if args.format == "json":
        print(
            json.dumps(
                {
                    "data": str(args.data),
                    "articles": len(records),
                    "gold_quotes": ours.gold,
                    "ms_per_article": round(1000 * seconds, 2),
                    "systems": {name: tally.figures() for name, tally in tallies.items()},
                    "buckets": {
                        key: dict(zip(("gold", "hits", "speakers_judged", "speakers_right"), counts, strict=False))
                        for key, counts in sorted(ours.buckets.items())
                    },
                }
            )
        )
    else:
        table = readme.markdown_table if args.format == "markdown" else readme.text_table
        bucket_headers = ("newsum by case", "gold", "recall", "speaker acc", "judged")
        print(header + "\n\n" + table(HEADERS, rows(tallies)) + "\n\n" + table(bucket_headers, bucket_rows(ours)))

    try:
        if args.out is not None:
            with args.out.open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps({"id": record["id"], "quotes": predictions[record["id"]]}) + "\n")
        if args.update_readme is not None:
            body = readme.section(PROG, argv, header, HEADERS, rows(tallies))
            readme.update_readme(args.update_readme, "quotes", key, body)
    except (OSError, readme.ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
