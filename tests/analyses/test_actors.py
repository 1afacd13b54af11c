from newsum.analyses.actors import find_actors
from newsum.nlp.text import split_sentences


def actors_of(text):
    return {a.name: a for a in find_actors(text, split_sentences(text)).actors}


def test_sample_actors_with_roles(sample_digest):
    actors = {a.name: a for a in sample_digest.actors}
    expected = {
        "Sergei Lavrov": "Foreign Minister",
        "Vladimir Putin": "President",
        "Antony Blinken": "US Secretary of State",
        "John Sullivan": "US ambassador to Moscow",
        "Alexander Lukashenko": "Belarusian leader",
        "Xi Jinping": "Chinese President",
    }
    for name, role in expected.items():
        assert actors[name].type == "PER"
        assert actors[name].role == role
    assert actors["Sergei Lavrov"].mentions == 4
    assert "Lavrov" in actors["Sergei Lavrov"].aliases
    assert actors["Kremlin"].type == "ORG" and actors["NATO"].type == "ORG"
    assert actors["Russia"].type == "LOC" and actors["Moscow"].type == "LOC"
    assert actors["United States"].aliases == ["US"]


def test_byline_authors_and_caption_people_are_not_actors(sample_digest):
    names = " ".join(a.name for a in sample_digest.actors)
    for outsider in ("Soldatkin", "Marrow", "Odessa"):
        assert outsider not in names


def test_events_demonyms_and_weekdays_are_not_actors(sample_digest):
    names = {a.name for a in sample_digest.actors}
    assert not names & {"Cold War", "Winter Olympics", "Russian", "Chinese", "Friday", "Wednesday", "Ukrainian"}


def test_surname_first_mention_merges_with_full_name():
    actors = actors_of("Smith arrived late. Later, Jane Smith said the plan was fine. Smith left.")
    assert actors["Jane Smith"].mentions == 3
    assert "Smith" not in actors


def test_ambiguous_surname_is_not_merged():
    actors = actors_of("John Smith met Jane Smith on Monday. Smith said nothing.")
    assert actors["John Smith"].mentions == 1 and actors["Jane Smith"].mentions == 1


def test_appositive_roles():
    actors = actors_of("Maria Zakharova, the ministry spokeswoman, said talks would go on. Mr Brown agreed.")
    assert actors["Maria Zakharova"].role == "ministry spokeswoman"
    assert actors["Brown"].type == "PER"


def test_sentence_initial_common_words_are_not_names():
    assert "The" not in actors_of("The talks ended. While it rained, Boris Johnson spoke.")
    assert "While" not in actors_of("The talks ended. While it rained, Boris Johnson spoke.")


def test_acronyms_and_org_heads():
    actors = actors_of("Officials at the Bank of England and the IMF met in London on Tuesday.")
    assert actors["Bank of England"].type == "ORG"
    assert actors["IMF"].type == "ORG"
    assert actors["London"].type == "LOC"


def test_title_opening_a_sentence_and_companies_named_like_titles():
    actors = actors_of(
        "Prime Minister Ephraim Inoni, who took office last year, spoke. The prime minister left. General Motors cut jobs in the US."
    )
    assert actors["Ephraim Inoni"].role == "Prime Minister"
    assert actors["General Motors"].type == "ORG"
    assert actors["United States"].type == "LOC"


def test_words_the_article_writes_in_lower_case_are_not_people():
    actors = actors_of("Campaigners for Human Rights met. They said rights matter. Alan Bennett wrote a play.")
    assert "Human Rights" not in actors
    assert actors["Alan Bennett"].type == "PER"


def test_a_word_shared_by_several_organisations_is_an_organisation():
    actors = actors_of(
        "Walt Disney Co. said on Monday that demand was high. The Disney Channel will close. "
        "Disney shares rose. Disney said TV viewers were moving online."
    )
    assert actors["Disney"].type == "ORG" and actors["Disney"].mentions == 2
    assert any("Disney Co" in name and actor.type == "ORG" for name, actor in actors.items())
    assert "TV" not in actors


def test_crf_is_used_and_rules_are_the_fallback(monkeypatch):
    text = "Foreign Minister Sergei Lavrov met US Secretary of State Antony Blinken in Geneva. Lavrov said talks would go on."
    sentences = split_sentences(text)
    crf = find_actors(text, sentences)
    assert crf.method == "crf"
    import newsum.nlp.ner

    def missing(*args, **kwargs):
        raise RuntimeError("python-crfsuite is not installed")

    monkeypatch.setattr(newsum.nlp.ner, "tag_sentences", missing)
    rules = find_actors(text, sentences)
    assert rules.method == "rules"
    for index in (crf, rules):
        actors = {a.name: a for a in index.actors}
        assert actors["Sergei Lavrov"].role == "Foreign Minister" and actors["Sergei Lavrov"].mentions == 2
        assert actors["Antony Blinken"].role == "US Secretary of State"
        assert actors["Geneva"].type == "LOC"


def test_dotted_country_abbreviations_merge_with_the_country():
    actors = actors_of("The U.S. economy grew. Officials in the United States and the U.K. agreed.")
    assert "U.S" not in actors
    assert actors["United States"].mentions == 2


def test_abbreviated_titles_are_not_actors():
    text = (
        "Sen. Tammy Baldwin of Wisconsin backed the plan. Sen. Tom Udall of New Mexico did too, "
        "and Sen. Ben Cardin said he would vote for it. Gov. Jim Hodges agreed."
    )
    names = {a.name for a in find_actors(text, split_sentences(text)).actors if a.type == "PER"}
    assert not names & {"Sen", "Sen.", "Gov", "Gov."}
    assert {"Tammy Baldwin", "Tom Udall", "Ben Cardin"} <= names
    roles = {a.name: a.role for a in find_actors(text, split_sentences(text)).actors}
    assert roles["Tammy Baldwin"] == "Senator"
    assert roles["Jim Hodges"] == "Governor"
