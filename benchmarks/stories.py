"""How similar must two entries be to merge them as one story? Measured.

    python -m benchmarks.stories [--cnndm ../shared/data/summarization/cnndm-dev.jsonl]
                                 [--bbc ../shared/data/summarization/bbc-dev.jsonl]

Pairs, built from public evaluation data (nothing is copied into newsum):

* same story, other words (positives): a CNN/DailyMail story's first three
  sentences (what the digest's summary mostly shows) against its
  human-written highlights, as two outlets would tell the one event;
* different stories (negatives): each story's lead against every other
  story's highlights (CNN/DailyMail, all ordered pairs), and BBC stories of the
  same section (business, politics, sport...) against each other, title and
  lead, the topic-close pairs a careless threshold would merge.

It prints, per threshold, the share of positives merged (recall) and the
number of negatives merged (false merges), with `newsum.roundup.stories.similarity`
on `newsum.roundup.stories.fingerprint`: the function the digest uses.

Then it scores follow-ups, stories across cron runs (``--followups``, by default
``followup_cases.jsonl`` beside this file): pairs written for this benchmark,
an earlier report and a later one that is either the same developing event
(the toll rose, an inquiry opened, the verdict came) or a different event,
mostly one with the same people, places or topic (another earthquake, the
same team's next match, the same judge's next trial). Each side is compared as
the digest stores a story: `fingerprint` of its title and summary, scored by
`newsum.roundup.followups.follow_score` (TF-IDF over the stories of the
cases, as the digest weighs over its remembered and new stories). It prints
the precision and recall of ``follows`` at several thresholds and at the
shipped `FOLLOW_THRESHOLD`, beside the merge's raw cosine as the baseline,
and the best recall that keeps every different story out. Without the CNN/DailyMail or BBC files, the merge
table is skipped and the follow-up part still runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import _readme as readme
from newsum.roundup.followups import FOLLOW_THRESHOLD, Idf, StoryPrint, actor_names, follow_score
from newsum.roundup.stories import MERGE_THRESHOLD, fingerprint, similarity

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
FOLLOWUPS = Path(__file__).resolve().parent / "followup_cases.jsonl"
FOLLOW_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def lead(text: str, n: int = 3) -> str:
    from newsum.nlp.text import split_sentences

    return " ".join(s.text for s in split_sentences(text)[:n])


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def pairs(cnndm: list[dict], bbc: list[dict]) -> tuple[list[float], list[float], list[float]]:
    leads = [fingerprint(lead(r["text"])) for r in cnndm]
    highlights = [fingerprint(r["reference"]) for r in cnndm]
    positives = [similarity(a, b) for a, b in zip(leads, highlights, strict=False)]
    cross = [similarity(leads[i], highlights[j]) for i in range(len(cnndm)) for j in range(len(cnndm)) if i != j]
    by_section: dict[str, list] = {}
    for r in bbc:
        by_section.setdefault(r.get("category", ""), []).append(fingerprint(f"{r.get('title', '')} {lead(r['text'])}"))
    topical = [similarity(a, b) for prints in by_section.values() for a, b in itertools.combinations(prints, 2)]
    return positives, cross, topical


def story_print(side: dict) -> StoryPrint:
    """A case's story as the digest stores it: the fingerprint of its title
    and summary, and its actors' names."""
    signature = fingerprint(side["title"] + " " + " ".join(side["summary"]))
    return StoryPrint(signature, actor_names(side["actors"]))


def follow_scores(cases: Sequence[dict], tfidf: bool = True) -> list[tuple[bool, float]]:
    """Each case's label (the later story follows the earlier) and its score:
    `follow_score` with the document frequencies of every story in the cases
    (as the digest takes them over its remembered and new stories), or, for
    the baseline, the merge's raw cosine."""
    prints = [(story_print(case["earlier"]), story_print(case["later"])) for case in cases]
    idf = Idf([p.signature for pair in prints for p in pair])
    return [
        (
            bool(case["follows"]),
            follow_score(earlier, later, idf) if tfidf else similarity(earlier.signature, later.signature),
        )
        for case, (earlier, later) in zip(cases, prints, strict=True)
    ]


@dataclass(frozen=True)
class Counts:
    """Follow-ups found (right), different stories given ``follows`` (false) and
    follow-ups missed, at one threshold."""

    right: int
    false: int
    missed: int

    @property
    def precision(self) -> float:
        """1.0 when nothing is given ``follows``: no unrelated story got it."""
        given = self.right + self.false
        return self.right / given if given else 1.0

    @property
    def recall(self) -> float:
        found = self.right + self.missed
        return self.right / found if found else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def count(scored: Sequence[tuple[bool, float]], threshold: float) -> Counts:
    """``follows`` is given when the score is at or above ``threshold``."""
    return Counts(
        right=sum(label and s >= threshold for label, s in scored),
        false=sum(not label and s >= threshold for label, s in scored),
        missed=sum(label and s < threshold for label, s in scored),
    )


def clean_recall(scored: Sequence[tuple[bool, float]]) -> float:
    """The best recall with no different story given ``follows``: the share of
    follow-ups scoring above every different-story pair."""
    top = max((s for label, s in scored if not label), default=-1.0)
    positives = [s for label, s in scored if label]
    return sum(s > top for s in positives) / len(positives) if positives else 0.0


def followup_report(cases: Sequence[dict], source: str) -> list[str]:
    """The follow-up section's lines (markdown tables)."""
    scored = follow_scores(cases)
    raw = follow_scores(cases, tfidf=False)
    positives = sum(label for label, _ in scored)
    false = [case["id"] for case, (label, s) in zip(cases, scored, strict=True) if not label and s >= FOLLOW_THRESHOLD]
    lines = [
        f"follow-up cases: {positives} same story, {len(cases) - positives} different story ({source})",
        f"newsum (TF-IDF over the stories, threshold {FOLLOW_THRESHOLD:.2f}): "
        f"false follows: {', '.join(false) or 'none'}",
        "",
        "| signal | threshold | precision | recall | F1 | follows right / false / missed | recall, no false follows |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, rows in (("TF-IDF over the stories", scored), ("raw cosine (the merge's)", raw)):
        for t in sorted({*FOLLOW_THRESHOLDS, FOLLOW_THRESHOLD}):
            c = count(rows, t)
            mark = " (newsum)" if t == FOLLOW_THRESHOLD and rows is scored else ""
            lines.append(
                f"| {name} | {t:.2f}{mark} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f} "
                f"| {c.right} / {c.false} / {c.missed} | {clean_recall(rows):.2f} |"
            )
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cnndm", type=Path, default=Path("../shared/data/summarization/cnndm-dev.jsonl"))
    parser.add_argument("--bbc", type=Path, default=Path("../shared/data/summarization/bbc-dev.jsonl"))
    parser.add_argument(
        "--followups", type=Path, default=FOLLOWUPS, help="follow-up cases, JSONL (default: %(default)s)"
    )
    parser.add_argument(
        "--update-readme",
        type=Path,
        metavar="README",
        help="replace the follow-up table between <!-- benchmark:stories:followups --> markers",
    )
    args = parser.parse_args(argv)
    if args.update_readme is not None:
        readme.check_readme(args.update_readme, "stories", "followups")
    missing = [str(path) for path in (args.cnndm, args.bbc) if not path.is_file()]
    if missing:
        print(f"merge table skipped: {', '.join(missing)} not found")
    else:
        merge_report(args.cnndm, args.bbc)
    print()
    lines = followup_report(load(args.followups), args.followups.name)
    for line in lines:
        print(line)
    if args.update_readme is not None:
        command = readme.command_line("python -m benchmarks.stories", list(argv if argv is not None else sys.argv[1:]))
        body = "\n".join(["```", command, "```", "", *lines])
        readme.update_readme(args.update_readme, "stories", "followups", body)


def merge_report(cnndm: Path, bbc: Path) -> None:
    positives, cross, topical = pairs(load(cnndm), load(bbc))
    print(
        f"positives: {len(positives)} (CNN/DM lead vs own highlights); negatives: {len(cross)} "
        f"(CNN/DM lead vs other highlights) + {len(topical)} (BBC same-section pairs)"
    )
    print(f"highest negative similarity: CNN/DM {max(cross):.3f}, BBC {max(topical):.3f}")
    print("| threshold | same story merged | false merges CNN/DM | false merges BBC same section |")
    print("|---:|---:|---:|---:|")
    for t in sorted({*THRESHOLDS, MERGE_THRESHOLD}):
        hit = sum(s >= t for s in positives)
        mark = " (newsum)" if t == MERGE_THRESHOLD else ""
        print(
            f"| {t:.2f}{mark} | {hit / len(positives):.1%} ({hit}/{len(positives)}) "
            f"| {sum(s >= t for s in cross)} | {sum(s >= t for s in topical)} |"
        )


if __name__ == "__main__":
    main()
