"""Per-language benchmark: detection, sentences, named entities, part of speech.

    python -m benchmarks.languages [--data ../shared/data] [--languages de es] \\
        [--folds 5] [--out-dir DIR] [--format table|markdown|json] [--update-readme README.md]

For each language (German, Spanish; English only where it must not move):

* **detection**: ``newsum.nlp.languages.detect`` on every dev article
  (``<lang>/articles/dev/*.txt``, no declared language), share detected right
  and ms per article; English texts (``samples/*.txt`` and the CNN/DailyMail
  dev texts) must stay English.
* **sentences**: the UD dev file's ``# text`` lines joined by one space are
  split by ``newsum.nlp.languages.sentences.split_sentences``; boundary F1
  counts the sentence ends (character offsets) that match a gold sentence
  end, span F1 the sentences whose start and end both match. pysbd (``clean=False``,
  same text) is scored beside it when installed.
* **named entities**: conlleval entity P/R/F1 as ``../shared/eval/eval_ner.py``
  prints them (overall, and "actors" = PER/ORG/LOC). Spanish: the shipped
  model on ``es/ner/esp.testa``. German: there is only GermEval's dev split,
  so the figure is K-fold cross-validation on it (``--folds``, default 5:
  contiguous blocks of sentences in file order, each tagged by a model trained
  on the others with the shipped model's settings, pooled predictions scored
  at once); ``newsum.training.languages_ner`` does the same.
* **UPOS**: accuracy on UD dev surface tokens (a multiword token counts with
  its first word's UPOS), via ``newsum.nlp.languages.pos.upos``.

``--out-dir DIR`` writes the NER predictions (``<lang>-ner.txt``, ``token
gold predicted``) for ``eval_ner.py``; ``--skip-ner`` leaves the NER rows
out (the German cross-validation takes minutes). Exit status 2 for bad input.

* **quotes** (German): ``benchmarks.quotes`` on ``de/quotes/dev.jsonl`` in
  German, scored as ``../shared/eval/eval_quotes.py`` scores: end-to-end F1
  (a quote found with its right speaker) and speaker accuracy.
* **digests**: the whole pipeline (language detected, as a user gets it) on
  every dev article: summary sentences that are fragments (`fragment`) and
  keyphrases no editor would keep (`bad_keyphrase`), counted in ``PHASE_B_ROWS``.
"""

from __future__ import annotations

import argparse
import functools
import glob
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import _readme as readme
from newsum.nlp.languages import detect, get
from newsum.nlp.languages.base import read_lines
from newsum.nlp.languages.sentences import split_sentences
from newsum.training.languages_pos import read_ud, upos_accuracy

PROG = "python -m benchmarks.languages"
UD = {"de": "de/ud/de_gsd-ud-dev.conllu", "es": "es/ud/es_gsd-ud-dev.conllu"}
NER = {"de": "de/ner/de.dev", "es": "es/ner/esp.testa"}
TARGETS = {
    "detection": ">= 100%",
    "sentence boundary F1": ">= 98.5",
    "NER F1 (overall)": "es >= 79, de CV >= 70",
}
# Measures phase B adds (quote and keyphrase stages per language): name -> target.
PHASE_B_ROWS = {
    "quotes end-to-end F1 (de dev)": ">= 75",
    "quotes speaker accuracy (de dev)": ">= 75",
    "fragment summary sentences (dev articles)": "0",
    "bad keyphrases (dev articles)": "0",
    "key quotes with a speaker (dev articles)": "",
}


class BenchmarkError(Exception):
    """Bad input: exit status 2."""


# ---------------------------------------------------------------------------- measures


def detection(data: Path, code: str) -> dict:
    files = sorted(glob.glob(str(data / code / "articles" / "dev" / "*.txt")))
    started = time.perf_counter()
    right = sum(detect(Path(f).read_text(encoding="utf-8")) == (code, True) for f in files)
    ms = 1000 * (time.perf_counter() - started) / max(len(files), 1)
    return {"right": right, "total": len(files), "ms": ms}


def english_detection(data: Path) -> dict:
    texts = [Path(f).read_text(encoding="utf-8") for f in sorted(glob.glob("samples/*.txt"))]
    cnndm = data / "summarization" / "cnndm-dev.jsonl"
    if cnndm.is_file():
        texts += [json.loads(line)["text"] for line in cnndm.open(encoding="utf-8") if line.strip()]
    right = sum(detect(t)[0] == "en" for t in texts)
    return {"right": right, "total": len(texts)}


def ud_text(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """The running text (``# text`` lines joined by a space) and the gold sentence spans."""
    text, gold = "", []
    for sentence, _ in read_ud(path):
        if text:
            text += " "
        gold.append((len(text), len(text) + len(sentence)))
        text += sentence
    return text, gold


def f1(gold: set, predicted: set) -> float:
    tp = len(gold & predicted)
    return 200 * tp / (len(gold) + len(predicted)) if gold or predicted else 0.0


def sentence_scores(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> dict:
    return {
        "boundary_f1": f1({e for _, e in gold}, {e for _, e in predicted}),
        "span_f1": f1(set(gold), set(predicted)),
    }


def pysbd_spans(text: str, code: str) -> list[tuple[int, int]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    spans, at = [], 0
    for sentence in pysbd.Segmenter(language=code, clean=False).segment(text):
        stripped = sentence.strip()
        if not stripped:
            continue
        start = text.find(stripped, at)
        if start < 0:
            continue
        spans.append((start, start + len(stripped)))
        at = start + len(stripped)
    return spans


def sentences(data: Path, code: str) -> dict:
    text, gold = ud_text(data / UD[code])
    started = time.perf_counter()
    ours = [(s.start, s.end) for s in split_sentences(text, code)]
    result = {"gold": len(gold), "newsum": sentence_scores(gold, ours), "ms": 1000 * (time.perf_counter() - started)}
    theirs = pysbd_spans(text, code)
    result["pysbd"] = sentence_scores(gold, theirs) if theirs is not None else None
    return result


def named_entities(data: Path, code: str, folds: int, out_dir: Path | None) -> dict:
    from newsum.nlp.languages import ner
    from newsum.training import languages_ner as training
    from newsum.training.ner import score

    language = get(code)
    tokens, tags = training.sentences_of(data / NER[code])
    if code == "de":
        settings = training.SETTINGS[code]
        predicted = training.cross_validate(
            language,
            tokens,
            tags,
            folds,
            iterations=int(settings["iterations"]),
            c1=settings["c1"],
            c2=settings["c2"],
            min_freq=settings["min_freq"],
        )
        method = f"{folds}-fold CV on de.dev"
    else:
        # One story at a time (EFE datelines), as an article is tagged in the pipeline.
        stories = training.documents_of(tokens) or [range(len(tokens))]
        predicted = [row for story in stories for row in ner.tag_sentences([tokens[k] for k in story], language)]
        method = "shipped model on esp.testa"
    if out_dir is not None:
        training.write_predictions(out_dir / f"{code}-ner.txt", tokens, tags, predicted)
    scores = score(tags, predicted)
    return {
        "method": method,
        **{row: {"p": 100 * s.precision, "r": 100 * s.recall, "f1": 100 * s.f1} for row, s in scores.items()},
    }


def part_of_speech(data: Path, code: str) -> dict:
    correct, total, seconds = upos_accuracy(get(code), read_ud(data / UD[code]))
    return {"correct": correct, "total": total, "accuracy": 100 * correct / total, "tokens_per_s": total / seconds}


QUOTES = {"de": "de/quotes/dev.jsonl"}
ARTICLES = "{code}/articles/dev/*.txt"
# A summary sentence is a fragment when it starts in lower case (after any
# opening quote, bracket or dash), starts with a number and a period ("16. April"
# cut off its words: "April 1982 um ..."), starts with a month name and a number
# (the remnant of a date cut at its ordinal), or does not end a sentence: no
# ".", "!", "?" or "…" at its end (closing quotes and brackets aside).
_OPENERS = "\"'„“”«»‚‘’‹›([¿¡—–- "
_CLOSERS = "\"'“”«»‘’‹›)]"


def fragment(sentence: str, code: str) -> bool:
    """Whether a summary sentence is a fragment (see above)."""
    text = sentence.strip()
    body = text.lstrip(_OPENERS)
    words = body.split()
    if not words:
        return True
    if body[:1].islower() or re.match(r"\d{1,3}\.(?:\s|$)", body):
        return True
    if words[0].lower().rstrip(".,") in get(code).months and len(words) > 1 and words[1][:1].isdigit():
        return True
    return not text.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def bad_keyphrase(phrase: str, code: str, tagged: dict[str, set[str]]) -> bool:
    """A keyphrase no editor would keep: a stop word at either end (or only
    stop words: "de", "que", "después de"), a word the language's tagger reads
    in the article (``tagged``: word -> its Universal tags there) only as a
    verb, auxiliary or function word ("So lässt", "Sprengsatz war"), or a
    lower-case word between two nouns (German "Jahr erinnerten Aktivisten": a
    participle, the verb of another phrase)."""
    language = get(code)
    words = phrase.split()
    if not words or words[0].lower() in language.stop_words or words[-1].lower() in language.stop_words:
        return True
    joins = _name_connectors(code)
    if any(
        tagged.get(w) and tagged[w] <= _NOT_IN_PHRASES and not _inside_name(words, i, joins)
        for i, w in enumerate(words)
    ):
        return True
    return language.adjectives_before_nouns and any(
        w[:1].islower() and words[i - 1][:1].isupper() and words[i + 1][:1].isupper()
        for i, w in enumerate(words[1:-1], 1)
    )


@functools.cache
def _name_connectors(code: str) -> frozenset[str]:
    """The words of the language's ``name_connectors.txt``, read once."""
    return frozenset(w for line in read_lines(get(code).resource("name_connectors.txt")) for w in line.split())


def _inside_name(words: list[str], i: int, joins: set[str]) -> bool:
    """A word of the language's name connectors (``name_connectors.txt``: Spanish
    "de", "de la", "del") between two capitalised words of the phrase, as in
    "Organización Mundial de la Salud": part of the name, no function word left over."""
    if words[i] not in joins:
        return False
    left, right = i - 1, i + 1
    while left > 0 and words[left] in joins:
        left -= 1
    while right < len(words) - 1 and words[right] in joins:
        right += 1
    return left >= 0 and right < len(words) and words[left][:1].isupper() and words[right][:1].isupper()


def _article_tags(sentences: list, code: str) -> dict[str, set[str]]:
    from newsum.analyses.keyphrases import _TOKEN
    from newsum.nlp.languages.pos import upos

    tagged: dict[str, set[str]] = {}
    for sentence in sentences:
        words = _TOKEN.findall(sentence.text)
        for word, tag in zip(words, upos(words, get(code)), strict=False):
            tagged.setdefault(word, set()).add(tag)
    return tagged


_NOT_IN_PHRASES = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "ADV"})


def digests(data: Path, code: str) -> dict:
    """The pipeline on the dev articles (language detected, as a user gets it):
    fragment summary sentences and bad keyphrases, with examples, and how
    many of the digests' key quotes name a speaker (no gold says whom: a
    count to read beside the quotes, not a score)."""
    from newsum.pipeline import Options, digest_text

    paths = sorted(glob.glob(str(data / ARTICLES.format(code=code))))
    fragments, bad, sentences, phrases, wrong_language = [], [], 0, 0, 0
    quoted, spoken = 0, 0
    for path in paths:
        digest = digest_text(Path(path).read_text(encoding="utf-8"), path, Options())
        if digest.article is None or digest.article.meta.language != get(code).name:
            wrong_language += 1
        for item in digest.summary:
            sentences += 1
            if fragment(item.text, code):
                fragments.append(item.text)
        tagged = _article_tags(split_sentences(digest.article.text, code), code) if digest.article else {}
        for keyphrase in digest.keyphrases:
            phrases += 1
            if bad_keyphrase(keyphrase.phrase, code, tagged):
                bad.append(keyphrase.phrase)
        quoted += len(digest.quotes)
        spoken += sum(1 for quote in digest.quotes if quote.speaker)
    return {
        "articles": len(paths),
        "wrong_language": wrong_language,
        "summary_sentences": sentences,
        "fragments": len(fragments),
        "fragment_examples": fragments[:10],
        "keyphrases": phrases,
        "bad_keyphrases": len(bad),
        "bad_examples": bad[:20],
        "key_quotes": quoted,
        "key_quotes_with_speaker": spoken,
    }


def quote_figures(data: Path, code: str) -> dict | None:
    """German dev quotes through ``benchmarks.quotes`` (the scorer of record's rules)."""
    if code not in QUOTES or not (data / QUOTES[code]).is_file():
        return None
    from benchmarks import quotes

    quotes.LANGUAGE = code
    total = quotes.Tally()
    for record in quotes.read_records(data / QUOTES[code]):
        total.add(quotes.score_article(record, quotes.newsum_quotes(record["text"])))
    figures = total.figures()
    return {"end_to_end_f1": figures["end_to_end"][2], "speaker_accuracy": figures["speaker_accuracy"], **figures}


# ---------------------------------------------------------------------------- table


def table_rows(results: dict, codes: Sequence[str]) -> list[list[str]]:
    def cell(code: str, fn) -> str:
        try:
            return fn(results[code])
        except (KeyError, TypeError):
            return ""

    rows = [
        [
            "detection (dev articles)",
            *[
                cell(
                    c,
                    lambda r: (
                        f"{100 * r['detection']['right'] / r['detection']['total']:.1f}% ({r['detection']['right']}/{r['detection']['total']})"
                    ),
                )
                for c in codes
            ],
            TARGETS["detection"],
        ],
        [
            "sentence boundary F1 (UD dev)",
            *[cell(c, lambda r: f"{r['sentences']['newsum']['boundary_f1']:.2f}") for c in codes],
            TARGETS["sentence boundary F1"],
        ],
        [
            "sentence boundary F1, pysbd",
            *[cell(c, lambda r: f"{r['sentences']['pysbd']['boundary_f1']:.2f}") for c in codes],
            "",
        ],
        [
            "sentence span F1 (UD dev)",
            *[cell(c, lambda r: f"{r['sentences']['newsum']['span_f1']:.2f}") for c in codes],
            "",
        ],
        [
            "sentence span F1, pysbd",
            *[cell(c, lambda r: f"{r['sentences']['pysbd']['span_f1']:.2f}") for c in codes],
            "",
        ],
        [
            "NER F1 overall (P / R)",
            *[
                cell(
                    c,
                    lambda r: (
                        f"{r['ner']['overall']['f1']:.2f} ({r['ner']['overall']['p']:.1f} / {r['ner']['overall']['r']:.1f})"
                    ),
                )
                for c in codes
            ],
            TARGETS["NER F1 (overall)"],
        ],
        ["NER F1 actors (PER/ORG/LOC)", *[cell(c, lambda r: f"{r['ner']['actors']['f1']:.2f}") for c in codes], ""],
        ["NER measured by", *[cell(c, lambda r: r["ner"]["method"]) for c in codes], ""],
        ["UPOS accuracy (UD dev)", *[cell(c, lambda r: f"{r['pos']['accuracy']:.2f}") for c in codes], ""],
    ]
    phase_b = {
        "quotes end-to-end F1 (de dev)": lambda r: f"{r['quotes']['end_to_end_f1']:.1f}" if r["quotes"] else "no data",
        "quotes speaker accuracy (de dev)": lambda r: (
            f"{r['quotes']['speaker_accuracy']:.1f}" if r["quotes"] else "no data"
        ),
        "fragment summary sentences (dev articles)": lambda r: (
            f"{r['digests']['fragments']} of {r['digests']['summary_sentences']}"
        ),
        "bad keyphrases (dev articles)": lambda r: f"{r['digests']['bad_keyphrases']} of {r['digests']['keyphrases']}",
        "key quotes with a speaker (dev articles)": lambda r: (
            f"{r['digests']['key_quotes_with_speaker']} of {r['digests']['key_quotes']}"
        ),
    }
    rows += [[name, *[cell(c, phase_b[name]) for c in codes], target] for name, target in PHASE_B_ROWS.items()]
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    parser.add_argument("--languages", nargs="+", default=["de", "es"], choices=["de", "es"])
    parser.add_argument("--folds", type=readme.positive_int, default=5, help="cross-validation folds for German NER")
    parser.add_argument("--out-dir", type=Path, help="write NER predictions here for ../shared/eval/eval_ner.py")
    parser.add_argument(
        "--skip-ner", action="store_true", help="leave out the NER rows (German cross-validation takes minutes)"
    )
    readme.add_output_options(parser, "languages", "dev")
    args = parser.parse_args(argv)
    try:
        for code in args.languages:
            for path in (args.data / UD[code], args.data / NER[code]):
                if not path.is_file():
                    raise BenchmarkError(f"no such data file: {path}")
        if args.update_readme is not None:
            readme.check_readme(args.update_readme, "languages", "dev")
        if args.out_dir is not None and not args.out_dir.is_dir():
            raise BenchmarkError(f"--out-dir is not a directory: {args.out_dir}")
    except (BenchmarkError, readme.ReadmeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    results: dict = {}
    for code in args.languages:
        results[code] = {
            "detection": detection(args.data, code),
            "sentences": sentences(args.data, code),
            "ner": None if args.skip_ner else named_entities(args.data, code, args.folds, args.out_dir),
            "pos": part_of_speech(args.data, code),
            "quotes": quote_figures(args.data, code),
            "digests": digests(args.data, code),
        }
    english = english_detection(args.data)
    results["en"] = {"detection": english}
    names = [get(c).name.capitalize() for c in args.languages]
    headers = ["measure", *names, "target"]
    rows = table_rows(results, args.languages)
    header = (
        f"English texts kept English: {english['right']}/{english['total']} (samples and CNN/DM dev); "
        + "; ".join(f"{get(c).name} detection {results[c]['detection']['ms']:.2f} ms/article" for c in args.languages)
    )
    if args.format == "json":
        print(json.dumps(results, indent=1))
    elif args.format == "markdown":
        print(header + "\n\n" + readme.markdown_table(headers, rows))
    else:
        print(header + "\n" + readme.text_table(headers, rows))
    if args.update_readme is not None:
        try:
            readme.update_readme(
                args.update_readme, "languages", "dev", readme.section(PROG, argv, header, headers, rows)
            )
        except (OSError, readme.ReadmeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
