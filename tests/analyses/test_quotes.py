from newsum.analyses.actors import find_actors
from newsum.analyses.quotes import attribute, find_quote_spans, find_quotes
from newsum.nlp.text import split_sentences


def quotes_of(text):
    return attribute(text, find_actors(text, split_sentences(text)))


def test_sample_lavrov_quote(sample_digest):
    lavrov = [
        q for q in sample_digest.quotes if q.text.startswith("If it depends on Russia, then there will be no war")
    ]
    assert len(lavrov) == 1
    assert lavrov[0].speaker == "Sergei Lavrov"
    assert lavrov[0].speaker_role == "Foreign Minister"
    text = sample_digest.article.text
    assert text[lavrov[0].start : lavrov[0].end].startswith("If it depends on Russia")


def test_sample_quotes_have_the_right_speakers(sample_digest):
    by_start = {q.text[:20]: q.speaker for q in sample_digest.quotes}
    assert by_start["It's the equivalent "] == "John Sullivan"
    assert by_start["reciprocal transpare"] == "John Sullivan"
    assert by_start["I believe that the d"] == "head of Germany's BND foreign intelligence agency"
    assert all(q.speaker for q in sample_digest.quotes)


def test_speaker_before_with_colon_and_inverted_after():
    quotes = quotes_of(
        'Jane Smith said: "We will not give up on this plan." "No, we will not," said Tom Jones, "ever go back to the old ways."'
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We will not give up on this plan.", "Jane Smith"),
        ("No, we will not", "Tom Jones"),
        ("ever go back to the old ways.", "Tom Jones"),
    ]
    quotes = quotes_of(
        'Jane Smith said: "We will not give up on this plan." "No," said Tom Jones, "we will never go back."'
    )
    assert [q.speaker for q in quotes] == ["Jane Smith", "Tom Jones"]


def test_pronoun_and_split_quote_take_the_named_speaker():
    text = (
        'Senator Ann Lee spoke first. "This bill is a disaster for farmers," she said. "We will fight it all the way."'
    )
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
    text = 'An odd "Mark with no end at all in this text\n\nNext paragraph is fine. "A real quote is here now," Bo Chen said.'
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == [None, "Bo Chen"]
    assert quotes[0].text == "Mark with no end at all in this text"


def test_short_scare_quotes_are_not_quotes():
    assert quotes_of('There was "something" in the "lot of time" reply.') == []


def test_organisation_speaker():
    quotes = quotes_of('The Kremlin said Putin would spend "a lot of time on these issues next week".')
    assert quotes[0].speaker == "Kremlin"


def test_a_quote_ending_its_sentence_is_not_attributed_forward():
    text = 'The prime minister\'s office said auditors found "irregularities in the pay of certain staff." It added that staff "appear to have received unearned salaries".'
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["prime minister's office", "prime minister's office"]


def test_sample_kremlin_partial_quote(sample_digest):
    text = sample_digest.article.text
    every = attribute(text, find_actors(text, split_sentences(text)), min_words=1)
    lot = [q for q in every if q.text == "lot of time"]
    assert [(q.speaker, q.kind) for q in lot] == [("Kremlin", "partial")]
    assert {q.kind for q in sample_digest.quotes} <= {"direct", "partial"}
    assert all(len(q.text.split()) >= 6 for q in sample_digest.quotes)


def test_doubled_apostrophes_pair_as_quote_marks():
    text = "Trade is vital to the region.\n\n''We should throw as many monkey wrenches into the works as possible,'' Mr. Jorge Castaneda said."
    quotes = quotes_of(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We should throw as many monkey wrenches into the works as possible", "Jorge Castaneda")
    ]


def test_apostrophes_inside_words_are_not_quote_marks():
    text = (
        "Clinton's plan isn't new, and the Smiths' house is 'old'. \"We're ready for the vote tomorrow,\" Ann Lee said."
    )
    quotes = quotes_of(text)
    assert [(q.text, q.speaker) for q in quotes] == [("We're ready for the vote tomorrow", "Ann Lee")]


def test_single_curly_quotes_in_a_headline_with_a_colon_speaker():
    text = "Warren Hammers Bank Chief: ‘You Should Be Criminally Investigated’\n\nSenator Elizabeth Warren spoke on Tuesday."
    quotes = attribute(text, find_actors(text, split_sentences(text)), min_words=1)
    assert [q.text for q in quotes] == ["You Should Be Criminally Investigated"]


def test_inverted_attribution_with_a_title_names_the_person():
    text = 'Many agreed.\n\n"I\'d like to see the party be as democratic as possible," said Sen. Tammy Baldwin of Wisconsin.'
    assert [q.speaker for q in quotes_of(text)] == ["Tammy Baldwin"]


def test_according_to_and_dash_attributions():
    text = 'According to Rush Limbaugh, "if it was left up to her, she would not have time."\n\n"We can build a wall around the whole thing." ― Steve Quinlan'
    assert [q.speaker for q in quotes_of(text)] == ["Rush Limbaugh", "Steve Quinlan"]


def test_pronoun_resolves_to_the_person_of_matching_gender():
    text = (
        "Mary Johnson, the mayor, met David Brown on Monday. Brown praised the plan.\n\n"
        '"This is the best budget we have had in years," she said.\n\n'
        '"I am not convinced it adds up at all," he said.'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Mary Johnson", "David Brown"]


def test_a_name_after_a_long_apposition_is_still_the_speaker():
    text = 'John Dickey, the chief executive of Ora Media, which makes the show for Hulu, told me, "We are a content provider and nothing else."'
    assert [q.speaker for q in quotes_of(text)] == ["John Dickey"]


def test_unnamed_speaker_is_kept_as_written():
    text = '"This is not a combat mission at all," one senior administration official said.'
    assert [q.speaker for q in quotes_of(text)] == ["one senior administration official"]


def test_the_object_of_a_speech_verb_is_not_its_speaker():
    text = 'As one employee told Palo Alto Weekly, "She wants to put fear in our hearts, and she has done that."'
    assert [q.speaker for q in quotes_of(text)] == ["one employee"]


def test_a_paragraph_of_quote_goes_on_with_the_previous_speaker():
    text = (
        '"We will win this race," Ann Lee said.\n\n"And we will win it by a mile, believe me."\n\nThe vote is in May.'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ann Lee", "Ann Lee"]


def test_html_attribute_values_are_not_quotes():
    text = 'A tweet followed. <tweet tweet-id="783499116076687360" author="carl quintanilla jones">text</tweet>'
    assert quotes_of(text) == []


def test_key_quotes_prefer_what_the_summary_does_not_show():
    text = (
        '"The first statement is long enough to be a key quote today for all of us," Ann Lee said. '
        '"The second statement is also long enough to be a key quote now," Ann Lee said.'
    )
    index = find_actors(text, split_sentences(text))
    first_shown = [(0, text.index("Ann Lee said.") + 13)]
    top = find_quotes(text, index, count=1, summary=first_shown)
    assert [q.text[:10] for q in top] == ["The second"]
    assert find_quotes(text, index, count=1)[0].text[:9] == "The first"


def test_the_role_resolves_to_the_person_last_given_it():
    text = 'New Jersey Gov. Chris Christie spoke on Monday.\n\n"I have known him for 14 years and he is the best person," the governor said.'
    quotes = quotes_of(text)
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Chris Christie", "Governor")]
