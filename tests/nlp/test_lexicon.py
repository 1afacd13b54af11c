from newsum.nlp import lexicon


def test_the_shipped_country_list_is_pycountrys_own(tmp_path):
    """newsum/data/countries.tsv saves importing pycountry on every run; it must
    say exactly what pycountry says (rebuild: lexicon.write_countries)."""
    rebuilt = tmp_path / "countries.tsv"
    lexicon.write_countries(str(rebuilt))
    from importlib import resources

    shipped = resources.files("newsum").joinpath(lexicon.COUNTRIES_RESOURCE).read_text("utf-8")
    assert shipped == rebuilt.read_text("utf-8")


def test_countries_map_official_names_and_aliases_to_the_common_name():
    names = lexicon.countries()
    assert names["Russian Federation"] == "Russia"
    assert names["Ukraine"] == "Ukraine"
    assert names["U.S."] == "United States"
    assert lexicon.place_name("Korea, Republic of") is None  # comma forms are not how text names a country
