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
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from newsum.roundup.stories import MERGE_THRESHOLD, fingerprint, similarity

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cnndm", type=Path, default=Path("../shared/data/summarization/cnndm-dev.jsonl"))
    parser.add_argument("--bbc", type=Path, default=Path("../shared/data/summarization/bbc-dev.jsonl"))
    args = parser.parse_args()
    positives, cross, topical = pairs(load(args.cnndm), load(args.bbc))
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
