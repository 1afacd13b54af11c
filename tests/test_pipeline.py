import pytest

from newsum.analyses.summary import Length
from newsum.errors import NoArticleText
from newsum.pipeline import Options, digest_many, digest_source, digest_text


def test_sample_digest_summary_has_no_furniture(sample_digest):
    summary = " ".join(s.text for s in sample_digest.summary)
    assert len(sample_digest.summary) == 3
    assert summary.startswith("Russia on Friday sent its strongest signal")
    for furniture in ("subscribe", "Service members", "REUTERS", "Published"):
        assert furniture not in summary


def test_digest_text_raises_for_non_articles():
    with pytest.raises(NoArticleText):
        digest_text("12345 67890")


def test_digest_source_turns_input_errors_into_records(tmp_path):
    digest = digest_source(str(tmp_path / "missing.txt"))
    assert not digest.ok
    assert digest.errors[0].code == "not_found"


def test_stdin_bytes_are_passed_in(sample_text):
    digest = digest_source("-", Options(), data=sample_text.encode())
    assert digest.ok and digest.source == "<stdin>"


def test_a_failing_analysis_is_recorded_not_fatal(monkeypatch, sample_text):
    import newsum.analyses.keyphrases

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(newsum.analyses.keyphrases, "extract_keyphrases", broken)
    digest = digest_text(sample_text, "s")
    assert digest.ok and digest.keyphrases == [] and digest.summary
    assert digest.errors[0].stage == "keyphrases" and "boom" in digest.errors[0].message
    with pytest.raises(RuntimeError):
        digest_text(sample_text, "s", Options(debug=True))


def test_word_budget_too_small_is_a_warning(sample_text):
    digest = digest_text(sample_text, "s", Options(length=Length(words=2)))
    assert digest.summary == []
    assert digest.errors[0].code == "summary_empty"


@pytest.mark.parametrize("jobs", [1, 2])
def test_digest_many_keeps_input_order(tmp_path, sample_path, jobs):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    sources = [str(sample_path), str(empty), str(tmp_path / "missing.txt"), str(sample_path)]
    digests = list(digest_many(sources, Options(), jobs=jobs))
    assert [d.source for d in digests] == sources
    assert [d.ok for d in digests] == [True, False, False, True]
    assert [d.errors[0].code for d in digests[1:3]] == ["empty_input", "not_found"]


def test_actors_are_ordered_by_salience_and_the_recogniser_is_named(sample_digest):
    assert sample_digest.settings["actors"] == "crf"
    names = [a.name for a in sample_digest.actors]
    assert names.index("Sergei Lavrov") < names.index("NATO")
    assert names.index("John Sullivan") < names.index("Moscow")  # 2 mentions + 2 quotes


def test_batch_chunks_keep_the_input_order_and_shrink_to_single_items_at_the_end():
    from newsum.pipeline import _MAX_CHUNK, _chunks

    chunks = list(_chunks(list(range(91)), 2))
    assert [x for chunk in chunks for x in chunk] == list(range(91))
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True)  # never growing again
    assert max(sizes) <= _MAX_CHUNK and sizes[-4:] == [1, 1, 1, 1]
    assert list(_chunks([], 2)) == []
