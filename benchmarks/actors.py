"""Actor-list benchmark: one actor per entity, per document, on a CoNLL-style file.

    python -m benchmarks.actors --data ../shared/data/ner/eng.testa [--limit N] \\
        [--language CODE] [--format table|markdown|json] [--update-readme README.md]

The token-level NER score (``benchmarks.ner``) cannot see what a reader of
the digest sees: whether "Biden", "Joe Biden" and "Mr. Biden" are one actor,
whether "NSC" and "National Security Council" are, whether the actor has the
right type. This benchmark scores the actor list itself.

Each ``-DOCSTART-`` document (for a file without them, such as CoNLL-2002
Spanish with ``--language es``, each EFE story from its dateline) is rebuilt as an article (one sentence per
paragraph, tokens joined with spaces, no space before punctuation or "'s")
and read by ``newsum.analyses.actors.find_actors`` as the digest reads an
article. Per document:

* gold entities: the gold PER/ORG/LOC spans merged by exact string (MISC
  dropped), each with its most frequent type;
* predicted actors: each actor with every string it goes by (its name, its
  aliases, the text of each of its mentions).

An actor is correct when one of its strings is a gold entity; a gold entity
is found when one actor's strings hold it. Precision, recall and F1 are
micro-averaged over documents. Type accuracy is over found gold entities
(the type of the actor that holds it, the most mentioned one if several do).
"Split" counts gold entities held by several actors; "merged" counts actors
holding several gold entities, and "of unrelated names" those where two of
them are not one name's variants (one's words inside the other's, an
acronym of the other in any word order, or the same place) — the merges that are mistakes
whatever the gold's exact-string convention.

Rows: newsum's actors, and the baseline the actor list started from: every
distinct span of the same tagger (string and type) an actor of its own, no
merging, no retyping. ``--update-readme`` replaces the table between
``<!-- benchmark:actors:<data file name> -->`` and its end marker. Exit
status 2 for bad input (data file, README markers).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import _readme as readme

PROG = "python -m benchmarks.actors"
HEADERS = (
    "system",
    "P",
    "R",
    "F1",
    "type acc",
    "actors",
    "gold entities",
    "split",
    "merged",
    "of unrelated names",
    "ms/doc",
)
NEWSUM = "newsum actors"
BASELINE = "baseline: each distinct tagger span an actor"
ACTOR_TYPES = ("PER", "ORG", "LOC")
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "'s", "'", "n't", "%"})
_NO_SPACE_AFTER = frozenset({"(", "["})


class BenchmarkError(Exception):
    """Bad input: exit status 2."""


@dataclass
class Article:
    """A CoNLL document as an article: text, sentences and gold entities."""

    text: str
    sentences: list  # newsum.nlp.text.Sentence
    gold: dict[str, str]
    """Entity string -> type."""


@dataclass
class PredictedActor:
    strings: set[str]
    type: str


@dataclass
class Tally:
    actors: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    typed: int = 0
    split: int = 0
    merged: int = 0
    unrelated: int = 0
    seconds: float = 0.0
    documents: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, article: Article, predicted: list[PredictedActor]) -> None:
        self.documents += 1
        self.actors += len(predicted)
        self.gold += len(article.gold)
        holders: dict[str, list[PredictedActor]] = {}
        for actor in predicted:
            held = [s for s in actor.strings if s in article.gold]
            if held:
                self.correct += 1
            for string in held:
                holders.setdefault(string, []).append(actor)
            if len(held) > 1:
                self.merged += 1
                if not _variants(held):
                    self.unrelated += 1
                    if len(self.examples) < 20:
                        self.examples.append(" + ".join(sorted(held)))
        for string, kind in article.gold.items():
            actors = holders.get(string)
            if not actors:
                continue
            self.found += 1
            self.typed += actors[0].type == kind
            self.split += len(actors) > 1

    def row(self, name: str) -> dict[str, float | int | str]:
        p = self.correct / self.actors if self.actors else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return {
            "system": name,
            "precision": round(100 * p, 2),
            "recall": round(100 * r, 2),
            "f1": round(100 * (2 * p * r / (p + r) if p + r else 0.0), 2),
            "type_accuracy": round(100 * self.typed / self.found, 2) if self.found else 0.0,
            "actors": self.actors,
            "gold": self.gold,
            "split": self.split,
            "merged": self.merged,
            "merged_unrelated": self.unrelated,
            "ms_per_doc": round(1000 * self.seconds / self.documents, 2) if self.documents else 0.0,
        }


def _variants(strings: Sequence[str]) -> bool:
    """Every string a variant of the longest one: its words inside it
    ("Biden" / "Joe Biden"), its acronym ("NSC"), or the same place ("U.S." / "United States")."""
    from newsum.nlp.lexicon import place_name

    longest = max(strings, key=lambda s: (len(s.split()), len(s)))
    words = set(longest.replace("-", " ").split())
    initials = Counter(w[0].upper() for w in longest.split())
    place = place_name(longest)
    for string in strings:
        if string == longest or set(string.replace("-", " ").split()) <= words:
            continue
        letters = string.replace(".", "")
        if letters.isupper() and not Counter(letters) - initials:
            continue  # an acronym of it, in any language's word order ("BNR", National Bank of Romania)
        if place is not None and place_name(string) == place:
            continue
        return False
    return True


# ---------------------------------------------------------------------------- reading


def build_article(sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> Article:
    """Text, newsum sentences and gold entities of one CoNLL document."""
    from newsum.nlp.ner import _spans
    from newsum.nlp.text import Sentence

    parts: list[str] = []
    built: list[Sentence] = []
    kinds: dict[str, Counter[str]] = {}
    offset = 0
    for index, (tokens, sentence_tags) in enumerate(zip(sentences, tags, strict=True)):
        if parts:
            parts.append("\n\n")
            offset += 2
        starts, ends = [], []
        line = ""
        for k, token in enumerate(tokens):
            if k and token not in _NO_SPACE_BEFORE and tokens[k - 1] not in _NO_SPACE_AFTER:
                line += " "
            starts.append(offset + len(line))
            line += token
            ends.append(offset + len(line))
        parts.append(line)
        built.append(Sentence(text=line, start=offset, end=offset + len(line), position=index, paragraph=index))
        text_so_far = "".join(parts)
        for start, end, kind in _spans(sentence_tags):
            if kind in ACTOR_TYPES:
                kinds.setdefault(text_so_far[starts[start] : ends[end - 1]], Counter())[kind] += 1
        offset += len(line)
    gold = {string: max(sorted(counts), key=counts.__getitem__) for string, counts in kinds.items()}
    return Article("".join(parts), built, gold)


# ---------------------------------------------------------------------------- systems


def newsum_actors(article: Article, language: str = "english") -> list[PredictedActor]:
    from newsum.analyses.actors import find_actors

    index = find_actors(article.text, article.sentences, language)
    strings: dict[str, set[str]] = {a.name: {a.name, *a.aliases} for a in index.actors}
    for mention in index.mentions:
        strings.setdefault(mention.name, {mention.name}).add(article.text[mention.start : mention.end])
    return [PredictedActor(strings[a.name], a.type) for a in index.actors]


def baseline_actors(article: Article, language: str = "english") -> list[PredictedActor]:
    """Every distinct span of the tagger (its text and type) an actor."""
    from newsum.analyses.actors import _tagged_spans, tokenize
    from newsum.nlp.languages import registered_language

    tokens = tokenize(article.text, article.sentences)
    seen: dict[tuple[str, str], PredictedActor] = {}
    registered = registered_language(language)
    tagger_language = registered if registered is not None and registered.code != "en" else None
    for first, last, kind in _tagged_spans(tokens, article.sentences, tagger_language) or []:
        string = article.text[tokens[first].start : tokens[last].end]
        seen.setdefault((string, kind or "?"), PredictedActor({string}, kind or "?"))
    return list(seen.values())


def run(system: Callable[[Article, str], list[PredictedActor]], articles: Sequence[Article], language: str) -> Tally:
    tally = Tally()
    for article in articles:
        started = time.perf_counter()
        predicted = system(article, language)
        tally.seconds += time.perf_counter() - started
        tally.add(article, predicted)
    return tally


def cells(row: dict[str, float | int | str]) -> list[str]:
    return [
        str(row["system"]),
        f"{row['precision']:.2f}",
        f"{row['recall']:.2f}",
        f"{row['f1']:.2f}",
        f"{row['type_accuracy']:.2f}",
        str(row["actors"]),
        str(row["gold"]),
        str(row["split"]),
        str(row["merged"]),
        str(row["merged_unrelated"]),
        f"{row['ms_per_doc']:.1f}",
    ]


def read_documents(path: Path) -> list[tuple[list[list[str]], list[list[str]]]]:
    """Sentences and tags of each document: ``-DOCSTART-`` documents, or for a
    file without them (CoNLL-2002 Spanish), its EFE stories."""
    from newsum.training.languages_ner import documents_of
    from newsum.training.ner import read_conll

    documents = read_conll(path)
    if len(documents) != 1:
        return [(d.sentences, d.tags) for d in documents]
    sentences, tags = documents[0].sentences, documents[0].tags
    stories = documents_of(sentences)
    if stories is None:
        return [(sentences, tags)]
    return [(sentences[r.start : r.stop], tags[r.start : r.stop]) for r in stories]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Score newsum's actor lists per document: entities found, typed, split and merged."
    )
    parser.add_argument("--data", type=Path, required=True, help="CoNLL-style file (token first, gold tag last)")
    parser.add_argument("--limit", type=readme.positive_int, help="use only the first N documents")
    parser.add_argument("--examples", action="store_true", help="print newsum's merges of unrelated names")
    parser.add_argument(
        "--language", default="en", help="the data's language, a code or name (es: documents are EFE stories)"
    )
    readme.add_output_options(parser, "actors", "<data file name>")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from newsum.nlp.languages import UnknownLanguage, get

    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        if not args.data.is_file():
            raise BenchmarkError(f"no such data file: {args.data}")
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "actors", args.data.name)
        language = get(args.language)
        documents = read_documents(args.data)
    except UnknownLanguage as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (BenchmarkError, readme.ReadmeError, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None:
        documents = documents[: args.limit]
    articles = [build_article(sentences, tags) for sentences, tags in documents if sentences]
    name = language.name
    baseline_actors(articles[0], name) if articles else None  # load the tagger and gazetteer outside the timing
    newsum_actors(articles[0], name) if articles else None
    results = [(BASELINE, run(baseline_actors, articles, name)), (NEWSUM, run(newsum_actors, articles, name))]
    rows = [tally.row(name) for name, tally in results]
    header = (
        f"{args.data.name} ({name}): {len(articles)} documents, {rows[0]['gold']} gold entities "
        "(PER/ORG/LOC spans merged by exact string within a document)"
    )
    if args.format == "json":
        print(header, file=sys.stderr)
        for row in rows:
            print(json.dumps({**row, "data": str(args.data)}))
    else:
        table = readme.text_table if args.format == "table" else readme.markdown_table
        print(header + "\n" + ("\n" if args.format == "markdown" else "") + table(HEADERS, [cells(r) for r in rows]))
    if args.examples:
        print("\nnewsum's merges of unrelated names:", *results[1][1].examples, sep="\n  ")
    try:
        if args.update_readme is not None:
            body = readme.section(PROG, argv, header, HEADERS, [cells(r) for r in rows])
            readme.update_readme(args.update_readme, "actors", args.data.name, body)
    except (OSError, readme.ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
