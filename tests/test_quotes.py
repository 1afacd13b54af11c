from newsum.actors import find_actors
from newsum.quotes import attribute, find_quote_spans
from newsum.text import split_sentences


def quotes_of(text):
    return attribute(text, find_actors(text, split_sentences(text)))


def test_sample_lavrov_quote(sample_digest):
    lavrov = [q for q in sample_digest.quotes if q.text.startswith("If it depends on Russia, then there will be no war")]
    assert len(lavrov) == 1
    assert lavrov[0].speaker == "Sergei Lavrov"
    assert lavrov[0].speaker_role == "Foreign Minister"
    text = sample_digest.article.text
    assert text[lavrov[0].start : lavrov[0].end].startswith("If it depends on Russia")


def test_sample_quotes_have_the_right_speakers(sample_digest):
    by_start = {q.text[:20]: q.speaker for q in sample_digest.quotes}
    assert by_start["It's the equivalent "] == "John Sullivan"
    assert by_start["I believe that the d"] == "head of Germany's BND foreign intelligence agency"
    assert all(q.speaker for q in sample_digest.quotes)


def test_speaker_before_with_colon_and_inverted_after():
    quotes = quotes_of('Jane Smith said: "We will not give up on this plan." "No, we will not," said Tom Jones, "ever go back to the old ways."')
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will not give up on this plan.", "Jane Smith"),
        ("No, we will not", "Tom Jones"),
        ("ever go back to the old ways.", "Tom Jones"),
    ]
    quotes = quotes_of('Jane Smith said: "We will not give up on this plan." "No," said Tom Jones, "we will never go back."')
    assert [q.speaker for q in quotes] == ["Jane Smith", "Tom Jones"]


def test_pronoun_and_split_quote_take_the_named_speaker():
    text = 'Senator Ann Lee spoke first. "This bill is a disaster for farmers," she said. "We will fight it all the way."'
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Ann Lee", "Ann Lee"]
    assert quotes[0].speaker_role == "Senator"


def test_multi_paragraph_quote_continues():
    text = 'He said: "This is the first part of it\n\n"and this is the second part of it."'
    spans = find_quote_spans(text)
    assert len(spans) == 1
    quote = quotes_of(text)[0]
    assert quote.text == "This is the first part of it and this is the second part of it."


def test_unbalanced_marks_never_lose_the_article():
    text = 'An odd "mark with no end at all in this text\n\nNext paragraph is fine. "A real quote is here now," Bo Chen said.'
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == [None, "Bo Chen"]


def test_short_scare_quotes_are_not_quotes():
    assert quotes_of('There was "something" in the "lot of time" reply.') == []


def test_organisation_speaker():
    quotes = quotes_of('The Kremlin said Putin would spend "a lot of time on these issues next week".')
    assert quotes[0].speaker == "Kremlin"


def test_a_quote_ending_its_sentence_is_not_attributed_forward():
    text = 'The prime minister\'s office said auditors found "irregularities in the pay of certain staff." It added that staff "appear to have received unearned salaries".'
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["prime minister's office", "prime minister's office"]
