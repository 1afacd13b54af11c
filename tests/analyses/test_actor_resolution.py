"""One actor per entity: each resolution rule of `newsum.analyses.actors` on
small texts written for the purpose."""

from newsum.analyses.actors import find_actors, label_spans
from newsum.nlp.text import split_sentences


def index_of(text, labels=None):
    return find_actors(text, split_sentences(text), labels=labels)


def actors_of(text, labels=None):
    return {a.name: a for a in index_of(text, labels).actors}


def test_surname_and_honorific_forms_join_the_full_name():
    actors = actors_of("Joe Biden spoke in Ohio on Monday.\n\nMr. Biden said the plan would work. Biden left early.")
    assert actors["Joe Biden"].mentions == 3
    assert "Biden" in actors["Joe Biden"].aliases
    assert "Biden" not in actors


def test_title_decorated_surname_joins_the_full_name_and_gives_the_role():
    text = (
        "Volker said he never urged Ukraine to investigate Joe Biden.\n\n"
        "He said that former Vice President Biden was not a topic of their talks."
    )
    actors = actors_of(text)
    assert actors["Joe Biden"].role == "former Vice President"
    assert actors["Joe Biden"].mentions == 2


def test_two_bidens_stay_apart_and_a_bare_surname_goes_to_the_one_just_named():
    text = (
        "Hunter Biden joined the board of Burisma in 2014.\n\n"
        "Joe Biden was vice president at the time.\n\n"
        "Biden said he had never discussed the company with his son."
    )
    actors = actors_of(text)
    assert actors["Joe Biden"].mentions == 2 and actors["Hunter Biden"].mentions == 1
    assert "Biden" not in actors


def test_a_bare_surname_far_from_either_full_name_stays_unresolved():
    text = (
        "Joe Biden spoke first.\n\nHunter Biden spoke next.\n\nThe hearing went on for hours.\n\n"
        "Lawmakers argued about the rules.\n\nBiden was mentioned again."
    )
    actors = actors_of(text)
    assert actors["Biden"].mentions == 1
    assert actors["Joe Biden"].mentions == 1 and actors["Hunter Biden"].mentions == 1


def test_coordinated_given_names_share_the_surname():
    actors = actors_of("Volker had no knowledge of efforts to investigate Joe and Hunter Biden. Joe Biden denied it.")
    assert actors["Joe Biden"].mentions == 2 and actors["Hunter Biden"].mentions == 1


def test_ambiguous_surname_in_one_sentence_is_not_merged():
    actors = actors_of("John Smith met Jane Smith on Monday. Smith said nothing.")
    assert actors["John Smith"].mentions == 1 and actors["Jane Smith"].mentions == 1


def test_acronym_joins_its_expansion_when_the_initials_match():
    text = (
        "Tim Morrison was a former National Security Council official.\n\n"
        "After Fiona Hill left the NSC, Morrison took over. The NSC legal counsel was told."
    )
    actors = actors_of(text)
    nsc = [a for a in actors.values() if "NSC" in a.aliases or a.name == "NSC"]
    assert len(nsc) == 1
    assert {"NSC", "National Security Council"} <= {nsc[0].name, *nsc[0].aliases}
    assert nsc[0].type == "ORG"


def test_acronym_paired_in_parentheses_joins_its_expansion():
    text = "The order came from the Guangdong Post Administration (GPA). The GPA did not comment."
    names = [(a.name, a.aliases) for a in index_of(text).actors if a.type == "ORG"]
    assert len(names) == 1


def test_a_part_of_a_longer_organisation_name_joins_it():
    text = (
        "Kurt Volker testified before the House Intelligence Committee on Tuesday.\n\n"
        "Morrison told the Intelligence Committee that he feared the call's disclosure."
    )
    actors = actors_of(text)
    assert actors["House Intelligence Committee"].mentions == 2
    assert "Intelligence Committee" not in actors


def test_a_span_of_two_names_is_split_and_the_title_gives_the_role():
    text = (
        "He denied that he, U.S. Ambassador to the European Union Gordon Sondland and Energy Secretary "
        "Rick Perry formed an irregular channel.\n\nMorrison did not always follow suggestions from Sondland."
    )
    actors = actors_of(text)
    assert "European Union Gordon Sondland" not in actors
    sondland = actors["Gordon Sondland"]
    assert sondland.type == "PER" and sondland.mentions == 2
    assert sondland.role == "Ambassador to the European Union"


def test_a_possessive_country_is_not_part_of_the_name():
    actors = actors_of("Serbia’s Novak Djokovic and Britain’s Andy Murray will play on Wednesday.")
    assert {"Novak Djokovic", "Andy Murray"} <= set(actors)
    assert actors["Novak Djokovic"].type == "PER"


def test_company_cues_make_an_organisation():
    text = (
        "Volker later said he would have objected to Ukraine opening an investigation into Biden and did not "
        "realize Mr. Trump saw the request to investigate Ukrainian energy company Burisma as tantamount to "
        "investigating Biden.\n\n"
        "Volker reiterated that he saw the investigations into Burisma and into Biden as separate."
    )
    assert actors_of(text)["Burisma"].type == "ORG"  # the tagger says PER; "energy company" says otherwise


def test_a_full_name_that_speaks_is_a_person():
    text = (
        "Vasek Pospisil edged Reilly Opelka 7-6, 7-6.\n\n"
        '"Came down to a few points," Opelka said. "He was just too good."'
    )
    actors = actors_of(text)
    assert actors["Reilly Opelka"].type == "PER" and actors["Reilly Opelka"].mentions == 2


def test_headings_and_table_rows_make_no_actor():
    text = (
        "Pros & Cons\n\n"
        "How Much Does It Cost To Hire Local Movers in Boston?\n\n"
        "| Studio/1 BR | 2 movers | 3-4 hours |\n\n"
        "Seka Moving offers a wide range of services in New York, and customers praise its staff."
    )
    actors = actors_of(text)
    assert not {"Pros & Cons", "Studio", "BR", "Boston"} & set(actors)
    assert "New York" in actors
    lines = [(text.index(line), text.index(line) + len(line)) for line in text.split("\n\n")[:3]]
    assert label_spans(text) == lines


def test_a_heading_the_page_marks_is_context_not_a_mention():
    text = "Never urged Ukraine to investigate Joe Biden\n\nVolker said former Vice President Biden was no topic."
    heading = (0, text.index("\n\n"))
    actors = actors_of(text, labels=[heading])
    assert actors["Joe Biden"].mentions == 1  # the heading's "Joe Biden" named him, but is no mention
    assert actors["Joe Biden"].role == "former Vice President"
    assert "Ukraine" not in actors


def test_a_line_of_names_is_not_a_heading():
    actors = actors_of("Austria at Croatia\n\nFrance at Japan\n\nThe matches start at noon on Saturday in all groups.")
    assert {"Austria", "Croatia", "France", "Japan"} <= set(actors)


def test_salience_ranks_quoted_early_subjects_first():
    from newsum.analyses.actors import rank

    text = (
        "Maria Lopez, the union leader, said the strike was off.\n\n"
        "The railway company thanked passengers in Oslo. Oslo trains will run; Oslo stations open."
    )
    index = index_of(text)
    ranked = rank(index, {"Maria Lopez": 1}, len(text))
    assert ranked[0].name == "Maria Lopez" and ranked[0].salience == 1.0
    assert all(0 <= a.salience <= 1 for a in ranked)
