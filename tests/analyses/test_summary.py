import pytest

from newsum.analyses.summary import ALGORITHMS, Length, build_summarizer, choose, normalise, summarize
from newsum.errors import UsageError
from newsum.nlp.text import split_sentences

STORY = (
    "The city council approved a new budget on Monday. "
    "The budget raises spending on schools by ten percent. "
    "Council members debated the school budget for six hours. "
    "Opponents said the budget ignores roads. "
    "The mayor praised the council for the school budget. "
    "A vote on roads is planned for next month."
)


@pytest.fixture(scope="module")
def sentences():
    return split_sentences(STORY)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_runs_offline_and_scores_every_choice(algorithm, sentences):
    chosen = summarize(sentences, algorithm, Length(sentences=2), title="Council approves school budget")
    assert len(chosen) == 2
    assert [c.position for c in chosen] == sorted(c.position for c in chosen)
    for c in chosen:
        assert 0.0 <= c.score <= 1.0
        assert STORY[c.start : c.end] == c.text


def test_news_is_the_default_and_skips_non_lead_material():
    from newsum.analyses.summary import DEFAULT_ALGORITHM

    assert DEFAULT_ALGORITHM == "news"
    text = (
        "Ever wondered why?\n\n"
        "The city council approved a new school budget on Monday after a long debate.\n\n"
        "The school budget raises spending on teachers and school buildings by ten percent.\n\n"
        "Photo by staff.\n\n"
        "Council members said the school budget was the largest in the city's history.\n\n"
        "The weather was sunny."
    )
    chosen = summarize(split_sentences(text), "news", Length(sentences=3))
    assert [c.position for c in chosen] == [1, 2, 4]


def test_news_lets_content_decide_long_summaries():
    """With a long summary the lead prior is spread thin: a central late
    sentence beats an early off-topic one."""
    import newsum.analyses.news_summarizer as news

    lines = [
        "The council met on Monday to vote on the plan for the new city budget.",
        "Some residents brought their dogs and talked about gardening in spring.",
        "A local football team celebrated winning its third trophy this season.",
        "Rain was expected later in the evening across most northern districts.",
        "The mayor's cousin opened a bakery selling bread and cakes downtown.",
        "The city budget plan for schools passed the council vote on Monday after the budget debate.",
    ]
    sentences = split_sentences(" ".join(lines))
    assert [c.position for c in summarize(sentences, "news", Length(sentences=1))] == [0]
    assert 5 in [c.position for c in summarize(sentences, "news", Length(sentences=2))]
    assert 5 not in [c.position for c in summarize(sentences, "lead", Length(sentences=2))]
    assert news.LEAD_SENTENCES == 3


def test_a_quotation_unit_uses_its_sentences_of_the_budget():
    text = '"We will win. We will not stop. We are ready," she said. The vote is on Monday. Turnout may be high.'
    chosen = summarize(split_sentences(text), "lead", Length(sentences=2))
    assert [c.text for c in chosen] == ["The vote is on Monday.", "Turnout may be high."]
    assert len(summarize(split_sentences(text), "lead", Length(sentences=4))) == 2


def test_lead_takes_the_first_sentences(sentences):
    chosen = summarize(sentences, "lead", Length(sentences=3))
    assert [c.position for c in chosen] == [0, 1, 2]
    assert chosen[0].score == 1.0


def test_order_by_score_lists_best_first(sentences):
    chosen = summarize(sentences, "luhn", Length(sentences=3), order="score")
    assert [c.score for c in chosen] == sorted((c.score for c in chosen), reverse=True)


def test_deterministic(sentences):
    runs = {
        tuple((c.position, c.score) for c in summarize(sentences, "lex-rank", Length(sentences=3))) for _ in range(3)
    }
    assert len(runs) == 1


def test_ratio_rounds_to_whole_sentences(sentences):
    assert len(summarize(sentences, "lead", Length(ratio=0.5))) == 3
    assert len(summarize(sentences, "lead", Length(ratio=0.01))) == 1


def test_word_budget_never_cuts_a_sentence(sentences):
    chosen = summarize(sentences, "lead", Length(words=20))
    assert sum(len(c.text.split()) for c in chosen) <= 20
    assert [c.text for c in chosen] == [sentences[0].text, sentences[1].text]
    assert summarize(sentences, "lead", Length(words=3)) == []


def test_choose_breaks_ties_by_position(sentences):
    assert choose(sentences, [1.0] * len(sentences), Length(sentences=2)) == [0, 1]


def test_normalise():
    assert normalise([2.0, 4.0, 3.0]) == [0.0, 1.0, 0.5]
    assert normalise([5.0, 5.0]) == [1.0, 1.0]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sentences": 2, "ratio": 0.5, "words": None}, "mutually exclusive"),
        ({"sentences": 0, "ratio": None, "words": None}, "at least 1"),
        ({"sentences": None, "ratio": 1.5, "words": None}, "--ratio"),
    ],
)
def test_length_validation(kwargs, message):
    with pytest.raises(UsageError, match=message):
        Length.from_options(**kwargs)


def test_default_length_is_three_sentences():
    assert Length.from_options(None, None, None) == Length(sentences=3)


def test_unknown_algorithm():
    with pytest.raises(UsageError, match="unknown algorithm"):
        build_summarizer("bogus")


def test_cli_algorithm_choices_match_the_library():
    from newsum.cli.common import Algorithm

    assert tuple(a.value for a in Algorithm) == ALGORITHMS


def test_long_texts_are_rated_in_windows(monkeypatch):
    import newsum.analyses.summary as summary

    text = " ".join(f"Sentence number {i} talks about topic {i % 7} and budget items." for i in range(23))
    sentences = split_sentences(text)
    monkeypatch.setattr(summary, "WINDOW", 5)
    calls = []
    original = summary._rate_window
    monkeypatch.setattr(summary, "_rate_window", lambda s, d, n: calls.append(len(d.sentences)) or original(s, d, n))
    ratings = summary.rate_sentences(sentences, "lex-rank")
    assert calls == [5, 5, 5, 5, 3]
    assert len(ratings) == 23


def test_a_quote_over_several_sentences_is_one_unit():
    from newsum.analyses.summary import summary_units

    text = '"If it depends on us, there will be no war. We do not want wars. But we will not be ignored," Lavrov said. Talks go on.\n\nNext "paragraph. Unclosed'
    units = summary_units(split_sentences(text))
    assert [u.text for u in units] == [
        '"If it depends on us, there will be no war. We do not want wars. But we will not be ignored," Lavrov said.',
        "Talks go on.",
        'Next "paragraph. Unclosed',
    ]
    assert [u.position for u in units] == [0, 3, 4]
    assert text[units[0].start : units[0].end] == units[0].text


def test_repeated_sentences_keep_their_own_position_and_appear_once():
    text = "A caption about the photo. The story begins here. A caption about the photo. It goes on. More follows."
    sentences = split_sentences(text)
    assert [c.position for c in summarize(sentences, "lead", Length(sentences=3))] == [0, 1, 3]
    for algorithm in ALGORITHMS:
        chosen = [c.text for c in summarize(sentences, algorithm, Length(sentences=4))]
        assert len(chosen) == len(set(chosen)), algorithm


def test_subheadings_are_not_summary_material():
    text = "Rates rise again\n\nThe bank raised rates on Monday. Markets fell.\n\nWhy it matters\n\nBorrowing costs climb for everyone."
    chosen = [c.text for c in summarize(split_sentences(text), "lead", Length(sentences=3))]
    assert chosen == ["The bank raised rates on Monday.", "Markets fell.", "Borrowing costs climb for everyone."]


def test_linear_centrality_equals_the_direct_cosine():
    import math

    from newsum.analyses.news_summarizer import centrality_to_rest, tfidf_vectors

    vectors = tfidf_vectors(
        [["budget", "council", "vote"], ["budget", "school"], ["weather", "rain"], ["council", "budget", "budget"]]
    )

    def cosine(u, v):
        dot = sum(x * v.get(w, 0.0) for w, x in u.items())
        return dot / (math.sqrt(sum(x * x for x in u.values())) * math.sqrt(sum(x * x for x in v.values())))

    for i, vector in enumerate(vectors):
        rest = {}
        for j, other in enumerate(vectors):
            if j != i:
                for w, x in other.items():
                    rest[w] = rest.get(w, 0.0) + x
        assert math.isclose(centrality_to_rest(vectors)[i], max(0.0, cosine(vector, rest)), abs_tol=1e-9)
