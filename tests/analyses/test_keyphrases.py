"""Keyphrases: what an editor reads in the digest, and the benchmark's agreement
with the scorer of record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsum.analyses.keyphrases import extract_keyphrases
from newsum.nlp.text import split_sentences, stop_words

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DUC = SHARED / "data" / "keyphrases" / "duc2001-dev.jsonl"
EVAL_SCRIPT = SHARED / "eval" / "eval_keyphrases.py"


def phrases_of(text: str, count: int = 10) -> list[str]:
    return [k.phrase for k in extract_keyphrases(split_sentences(text), count)]


def test_sample_keyphrases_read_well(sample_digest):
    phrases = [k.phrase for k in sample_digest.keyphrases]
    # Reader-style phrases (DUC-2001's editors'): several words where the article has them.
    assert all(" " in p for p in phrases)
    assert "tough economic sanctions" in phrases and "Ukraine crisis" in phrases
    assert any("Lavrov" in p for p in phrases) and any("Putin" in p for p in phrases)
    stops = stop_words("english")
    for phrase in phrases:
        words = phrase.lower().split()
        assert words[0] not in stops and words[-1] not in stops, phrase
    # No verbs: "attacks" after "he" and "attack" after "to" are verbs here.
    assert not any(p.lower().startswith("attack") for p in phrases)


def test_sample_names_are_given_once(sample_digest):
    phrases = [k.phrase for k in sample_digest.keyphrases]
    assert sum("Lavrov" in p for p in phrases) == 1
    assert sum("Putin" in p for p in phrases) == 1


def test_scores_are_in_unit_range_and_ranked(sample_digest):
    scores = [k.score for k in sample_digest.keyphrases]
    assert len(scores) == 10
    assert scores[0] == 1.0
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_variants_are_merged():
    text = "Sanctions were imposed. The sanction hit banks. New sanctions followed on banks."
    phrases = [p.lower() for p in phrases_of(text)]
    assert sum(1 for p in phrases if p in {"sanction", "sanctions"}) == 1


def test_noun_phrases_not_verbs_or_fragments():
    text = (
        "Russia's troops attacked Ukraine on Monday. The troops massed near the border. "
        "Officials said the tough economic sanctions would follow quickly."
    )
    phrases = phrases_of(text)
    assert "tough economic sanctions" in phrases
    assert "troops" in phrases
    assert not any(w in p.lower().split() for p in phrases for w in ("attacked", "massed", "said", "monday", "quickly"))
    assert "Russia troops" not in phrases  # the possessive ends the name


def test_capital_at_sentence_start_is_not_kept():
    phrases = phrases_of("Sanctions hit hard. The sanctions were broad. Banks felt the sanctions.")
    assert "sanctions" in phrases and "Sanctions" not in phrases


def test_count_and_empty_inputs():
    assert extract_keyphrases(split_sentences("It is what it is.")) == []
    assert extract_keyphrases([]) == []
    text = "Ukraine and Russia discussed gas prices, grain exports and border troops in Geneva."
    assert len(phrases_of(text, 2)) == 2
    assert phrases_of(text, 0) == []


def test_other_languages_use_stop_word_chunks():
    sentences = split_sentences("Die Regierung in Berlin plant neue Sanktionen gegen Russland. Russland reagiert.")
    phrases = [k.phrase for k in extract_keyphrases(sentences, 5, "german")]
    assert any("Russland" in p for p in phrases)
    stops = stop_words("german")
    for phrase in phrases:
        words = phrase.lower().split()
        assert words[0] not in stops and words[-1] not in stops, phrase


@pytest.mark.skipif(not (DUC.is_file() and EVAL_SCRIPT.is_file()), reason="shared evaluation data not found")
def test_benchmark_agrees_with_scorer_of_record(tmp_path, capsys):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.keyphrases import NEWSUM, main

    out = tmp_path / "pred.jsonl"
    assert main(["--data", str(DUC), "--limit", "12", "--no-yake", "--format", "json", "--out", str(out)]) == 0
    rows = {row["system"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(DUC.read_text(encoding="utf-8").splitlines(keepends=True)[:12]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(EVAL_SCRIPT), str(gold), str(out), "--json"], capture_output=True, text=True, check=True
    )
    reference = json.loads(done.stdout)
    for key in ("P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10"):
        assert rows[NEWSUM][key] == round(reference[key], 2), key


def test_pagerank_on_edges_matches_the_dense_matrix_form():
    """The edge-list PageRank gives the dense-matrix power iteration's scores."""
    import numpy as np

    from newsum.analyses.keyphrases import _pagerank

    rng = np.random.default_rng(7)
    size = 12
    dense = np.zeros((size, size))
    sources, targets = rng.integers(0, size - 2, 40), rng.integers(0, size - 2, 40)  # the last two nodes are dangling
    keep = sources != targets
    sources, targets = sources[keep], targets[keep]
    for a, b in zip(sources, targets, strict=False):
        dense[a, b] += 1.0
        dense[b, a] += 1.0
    teleport = rng.random(size)
    teleport /= teleport.sum()
    degree = dense.sum(axis=1)
    dangling = degree == 0
    transition = dense / np.where(dangling, 1.0, degree)[:, None]
    expected = teleport.copy()
    for _ in range(100):
        expected = 0.15 * teleport + 0.85 * (expected @ transition + expected[dangling].sum() * teleport)
    both = np.concatenate([sources, targets]), np.concatenate([targets, sources])
    scores = _pagerank(both[0], both[1], np.ones(len(both[0])), teleport, 0.85)
    assert np.allclose(scores, expected, atol=1e-9)
    assert abs(scores.sum() - 1.0) < 1e-9


def test_keyphrase_memory_does_not_grow_with_vocabulary_squared():
    """A long text of many distinct words: no V x V matrix (it used ~6 KB a word)."""
    code = (
        "import resource; from newsum.analyses.keyphrases import extract_keyphrases; from newsum.nlp.text import split_sentences\n"
        "words = ['Zor%dx' % i for i in range(8000)]\n"
        "text = ' '.join(f'The grand {a} met the {b} council.' for a, b in zip(words[::2], words[1::2]))\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "extract_keyphrases(split_sentences(text))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(done.stdout) < 150_000  # KB; as a dense matrix, 8,000 words take 512 MB
