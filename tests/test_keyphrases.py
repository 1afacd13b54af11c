from newsum.keyphrases import extract_keyphrases
from newsum.text import split_sentences, stop_words


def test_sample_keyphrases_read_well(sample_digest):
    phrases = [k.phrase for k in sample_digest.keyphrases]
    assert phrases[:2] == ["Russia", "Ukraine"]
    assert {"sanctions", "security proposals"} <= set(phrases)
    stops = stop_words("english")
    for phrase in phrases:
        assert phrase.split()[0].lower() not in stops and phrase.split()[-1].lower() not in stops


def test_scores_are_in_unit_range_and_ranked(sample_digest):
    scores = [k.score for k in sample_digest.keyphrases]
    assert scores[0] == 1.0
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_variants_are_merged():
    text = "Sanctions were imposed. The sanction hit banks. New sanctions followed on banks."
    phrases = [k.phrase.lower() for k in extract_keyphrases(split_sentences(text))]
    assert sum(1 for p in phrases if p in {"sanction", "sanctions"}) == 1


def test_possessive_ends_a_phrase_and_verbs_are_trimmed():
    phrases = [k.phrase for k in extract_keyphrases(split_sentences("Russia's troops attacks Ukraine. Troops massed."))]
    assert "Russia troops" not in phrases
    assert "attacks Ukraine" not in phrases


def test_no_candidates():
    assert extract_keyphrases(split_sentences("It is what it is.")) == []
