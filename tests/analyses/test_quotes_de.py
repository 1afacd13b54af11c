"""German quotes and their speakers: verbs of saying, "so"/"laut"/"nach Angaben",
names the tagger misses, roles kept apart, pronouns, nouns that are no speaker.

Every German sentence here is written for these tests."""

from __future__ import annotations

from newsum.analyses import actors, quotes
from newsum.nlp.languages import get
from newsum.nlp.languages.sentences import split_sentences


def _quotes(text: str) -> list[quotes.Quote]:
    language = get("de")
    sentences = split_sentences(text, language)
    index = actors.find_actors(text, sentences, language.name)
    return quotes.attribute_in(language, text, index, min_words=1, sentences=sentences)


def _speaker_of(found: list[quotes.Quote], start_of_quote: str) -> str | None:
    quote = next(q for q in found if q.text.startswith(start_of_quote))
    return quote.speaker


def test_new_verbs_of_saying_name_their_speaker() -> None:
    text = (
        "Die Debatte im Landtag dauerte bis in den Abend.\n\n"
        "„Das ist ein Angriff auf die kleinen Gemeinden“, entgegnete Kowalczyk den Kritikern.\n\n"
        "„Wir werden die Brücke noch in diesem Jahr sanieren“, räumte ein Ministeriumssprecher ein."
    )
    found = _quotes(text)
    assert _speaker_of(found, "Das ist ein Angriff") == "Kowalczyk"
    assert _speaker_of(found, "Wir werden die Brücke") is not None


def test_role_compound_before_a_name_the_tagger_missed_stays_apart() -> None:
    text = "„Wir bauen das neue Werk in Sachsen“, hatte Bahn-Chef Wunderlich in einem Gespräch erklärt."
    (quote,) = _quotes(text)
    assert quote.speaker == "Wunderlich"
    assert quote.speaker_role == "Bahn-Chef"


def test_a_noun_after_an_article_or_possessive_is_no_speaker() -> None:
    text = (
        "In seiner wöchentlichen Fernsehansprache erklärte der Staatspräsident: "
        "„Niemand muss in diesem Winter frieren.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker is not None
    assert "Fernsehansprache" not in quote.speaker
    assert "Staatspräsident" in quote.speaker


def test_sentence_subject_with_an_article_speaks() -> None:
    text = "Die Stadtverwaltung bestätigte die Zahlen nicht und nannte sie „reine Spekulation“."
    (quote,) = _quotes(text)
    assert quote.speaker == "Stadtverwaltung"


def test_so_attributes_only_after_a_comma_or_a_quotation_mark() -> None:
    said = _quotes("„Die Preise werden im Frühjahr wieder fallen“, so Brandauer im Gespräch mit der Zeitung.")
    assert [q.speaker for q in said] == ["Brandauer"]
    not_said = _quotes("So heißt es in dem Brief an die Mieter: „Die Heizung bleibt bis Montag kalt.“")
    assert all(q.speaker != "So" for q in not_said)


def test_nach_angaben_names_the_source() -> None:
    text = "Der Schaden ist nach Angaben der Feuerwehr „deutlich größer als zunächst angenommen“."
    (quote,) = _quotes(text)
    assert quote.speaker is not None and "Feuerwehr" in quote.speaker


def test_a_name_after_a_preposition_or_oblique_article_is_no_speaker() -> None:
    text = (
        "Die Schauspielerin Hanna Lindqvist kam am Morgen in Hamburg an. "
        "Über den Regisseur Tomasz Wiśniewski sagte sie: „Er hat mir alles beigebracht, was ich weiß.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Hanna Lindqvist"


def test_pronoun_subject_with_a_colon_goes_to_the_last_person_named() -> None:
    text = (
        "Der Abgeordnete Friedemann Oberholzer sprach am Mittwoch vor dem Parlament. "
        "Er fuhr fort: „Diese Reform kommt zehn Jahre zu spät.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Friedemann Oberholzer"


def test_a_quoted_name_or_title_is_no_quote() -> None:
    text = (
        "Die Kritikerin Ilse Brandhuber schrieb in der Wochenzeitung „Neue Rundschau am Sonntag“ über das Stück. "
        "„Das ist der mutigste Abend des Jahres“, sagte Brandhuber."
    )
    found = _quotes(text)
    assert [q.text for q in found] == ["Das ist der mutigste Abend des Jahres"]
    assert found[0].speaker == "Ilse Brandhuber"


# ------------------------------------------------------------------ word order


def test_a_split_verb_of_saying_names_the_subject_between_its_parts() -> None:
    text = "Dazu gab das Gesundheitsministerium am Abend bekannt: „Die Impfzentren bleiben bis Ende März geöffnet.“"
    (quote,) = _quotes(text)
    assert quote.speaker is not None and "Gesundheitsministerium" in quote.speaker


def test_after_an_opening_adverbial_the_subject_follows_the_verb() -> None:
    text = (
        "Der Gemeinderat tagte bis spät in die Nacht. In einem Interview mit dem Lokalradio erklärte "
        "Bürgermeisterin Petra Lindemann: „Wir bauen die neue Schule noch in diesem Jahr.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Petra Lindemann"
    assert quote.speaker_role == "Bürgermeisterin"


def test_an_object_before_the_verb_is_no_speaker() -> None:
    text = "Die Pläne des Verkehrsministers nannte Fraktionschef Jonas Albrecht „völlig unausgegoren“."
    (quote,) = _quotes(text)
    assert quote.speaker == "Jonas Albrecht"


def test_a_subject_with_an_apposition_speaks_not_the_organisation_in_it() -> None:
    text = (
        "Maria Kessler, die Sprecherin des Umweltverbands Grüne Aue, kommentierte die Entscheidung "
        "mit den Worten: „Das ist ein schwarzer Tag für den Naturschutz.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Maria Kessler"


def test_an_attribution_closing_the_sentence_with_an_auxiliary() -> None:
    text = "„Wir haben wirklich alles versucht“, hatte Bürgermeister Tobias Renner am Morgen gesagt."
    (quote,) = _quotes(text)
    assert quote.speaker == "Tobias Renner"
    assert quote.speaker_role == "Bürgermeister"


def test_a_compound_role_before_a_name_stays_apart() -> None:
    text = "Bundesinnenministerin Karla Brenner sagte am Montag: „Die Grenzen bleiben offen.“"
    (quote,) = _quotes(text)
    assert quote.speaker == "Karla Brenner"
    assert quote.speaker_role == "Bundesinnenministerin"


def test_a_name_in_the_genitive_is_no_speaker() -> None:
    text = "Die Äußerungen Müllers bezeichnete die Oppositionsführerin Eva Sommer als „unverantwortlich“."
    (quote,) = _quotes(text)
    assert quote.speaker == "Eva Sommer"


# ------------------------------------------------------------------ context


def test_reported_speech_in_the_subjunctive_goes_on_with_its_speaker() -> None:
    text = (
        "Die Gewerkschaftschefin Anna Roth kritisierte den Sparplan am Dienstag scharf. "
        "Die Kürzungen seien „ein Schlag ins Gesicht der Beschäftigten“."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Anna Roth"


def test_a_quote_alone_in_its_sentence_goes_on_from_the_subject_before() -> None:
    text = (
        "Der Trainer Lukas Berger war nach dem Spiel sichtlich enttäuscht. "
        "„Wir haben heute einfach zu viele Fehler gemacht.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Lukas Berger"


def test_the_next_sentence_may_claim_a_quote() -> None:
    text = "Die Debatte dauerte Stunden.\n\n„Ja, wir haben uns verrechnet.“ Das musste Finanzminister Peter Wolff am Dienstag einräumen."
    (quote,) = _quotes(text)
    assert quote.speaker == "Peter Wolff"


def test_sie_goes_to_the_last_woman_named_not_the_last_person() -> None:
    text = (
        "Die Ministerin Sabine Hartl traf sich am Morgen mit dem Bürgermeister Klaus Weber. "
        "Sie sagte danach: „Die Gespräche waren sehr konstruktiv.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Sabine Hartl"


def test_a_quote_in_a_clause_that_begins_before_it_belongs_to_that_clause() -> None:
    text = (
        "Während Paula Stein erklärte, sie sei „unglaublich aufgeregt“, räumte Mira Kolb ein, sie habe lange gezögert."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Paula Stein"


# ------------------------------------------------------------------ sources and no speaker


def test_a_quoted_medium_after_the_verb_is_the_speaker() -> None:
    text = "„Die Lage ist ernst, aber beherrschbar“, schrieb die „Abendzeitung“ in ihrem Kommentar."
    (quote,) = _quotes(text)
    assert quote.speaker == "Abendzeitung"


def test_laut_a_statement_of_an_office_names_the_office() -> None:
    text = "Der Schaden liegt laut einer Mitteilung des Landratsamts bei „mehreren Millionen Euro“."
    (quote,) = _quotes(text)
    assert quote.speaker is not None and "Landratsamts" in quote.speaker


def test_heisst_es_in_a_document_names_the_document() -> None:
    text = "Der Verein entschuldigte sich am Abend. In der Erklärung heißt es: „Wir bedauern den Vorfall zutiefst.“"
    (quote,) = _quotes(text)
    assert quote.speaker == "Erklärung"


def test_a_passive_verb_of_saying_without_an_agent_names_nobody() -> None:
    text = "Die Baupläne wurden im Ausschuss als „völlig unausgereift“ bezeichnet."
    assert all(q.speaker is None for q in _quotes(text))


def test_after_a_denial_the_reported_words_are_the_denied_claims() -> None:
    text = (
        "Der Minister hat Berichte der Wochenzeitung „Der Beobachter“ zurückgewiesen, "
        "er wolle „noch in diesem Jahr“ zurücktreten."
    )
    quote = next(q for q in _quotes(text) if q.text == "noch in diesem Jahr")
    assert quote.speaker is not None and quote.speaker.startswith("Berichte der Wochenzeitung")


def test_an_opening_wie_clause_names_the_speaker() -> None:
    text = "Wie die Sprecherin der Polizei, Jana Krüger, mitteilte, seien „keine Unbeteiligten verletzt“ worden."
    (quote,) = _quotes(text)
    assert quote.speaker == "Jana Krüger"


def test_names_titles_and_web_addresses_in_quotation_marks_are_no_quotes() -> None:
    text = (
        "Das berichtete die Zeitung „Rheinpost“ am Montag. Die Fluggesellschaft „Skyline“ stellt den Betrieb ein. "
        "Der Film „Die letzte Fahrt nach Norden“ läuft ab Donnerstag, wie laut „morgenblatt.de“ bekannt wurde. "
        "Das Fest steht unter dem Motto „Gemeinsam feiern wir den Sommer“."
    )
    assert _quotes(text) == []


def test_words_given_as_words_are_quotes() -> None:
    text = "Der Innenminister Paul Ranke verteidigte die Bezeichnung „Krawallmacher“ am Abend erneut."
    (quote,) = _quotes(text)
    assert quote.text == "Krawallmacher"
    assert quote.speaker == "Paul Ranke"


def test_das_before_the_verb_is_the_object_and_the_subject_follows() -> None:
    text = (
        "Der neue Name hat einen großen Symbolcharakter – das zumindest meint Jonas Pfeiffer vom Verkehrsministerium. "
        "„Ein solcher Name zeigt, wie wichtig uns der Hafen ist.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Jonas Pfeiffer"


def test_nach_ansicht_von_names_the_holder_of_the_view() -> None:
    text = "Nach Ansicht von Stadträtin Helga Brandt ist der Neubau „schlicht zu teuer“."
    (quote,) = _quotes(text)
    assert quote.speaker == "Helga Brandt"


def test_an_opening_infinitive_clause_leaves_the_subject_after_the_verb() -> None:
    text = (
        "Um Zeit für die Reform zu gewinnen, will Schulleiter Bernd Vogt die Stundenpläne kürzen. "
        "„Nicht jede Stunde Latein ist für das spätere Leben notwendig.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Bernd Vogt"


def test_a_passive_verb_of_saying_in_a_named_medium() -> None:
    text = "Der Verkehrsverbund wurde gestern im „Stadtanzeiger“ als „ein Staat im Staate“ bezeichnet."
    (quote,) = _quotes(text)
    assert quote.speaker == "Stadtanzeiger"


def test_a_quoted_name_inside_the_subject_phrase() -> None:
    text = (
        "Der Verein „Freunde des Stadtwalds“ (FdS) fordert neue Schutzgebiete. "
        "„Ohne den Wald verliert die Stadt ihre Lunge.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker is not None and "Freunde des Stadtwalds" in quote.speaker


def test_in_denen_es_heisst_names_what_the_clause_refers_to() -> None:
    text = (
        "Der Sprecher griff damit den Tenor der Lokalzeitungen auf, in denen es am Montag hieß, "
        "die Stadt sei nur ein „Papiertiger“."
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Lokalzeitungen"


def test_adverb_opening_the_clause_leaves_the_pronoun_as_subject() -> None:
    text = (
        "Die Stadträtin Martina Kollwitz hatte ihren Rückzug angekündigt. "
        "Aktuell lässt sie über ihr Büro Folgendes mitteilen: „Ich bleibe bis zum Sommer im Amt.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Martina Kollwitz"


def test_feminine_role_word_gives_an_unlisted_first_name_its_gender() -> None:
    text = (
        "Die ehemalige Politikerin Ayaan Hirsi Ali erhielt am Montag einen Preis. "
        "Der Regisseur Jonas Berger lobte ihre Arbeit. "
        "Sie sagte in ihrer Rede: „Jeder Dialog braucht Regeln.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Ayaan Hirsi Ali"


def test_role_before_an_earlier_mention_gives_the_surname_its_gender() -> None:
    text = (
        "Die Schriftstellerin Amaal Okafor erhielt am Montag in Bremen einen Preis. "
        "Der Verleger Jonas Berger hielt die Laudatio. "
        "Nach der Feier sprach Okafor mit Journalisten. Sie sagte: „Ich schreibe weiter.“"
    )
    (quote,) = _quotes(text)
    assert quote.speaker == "Amaal Okafor"
