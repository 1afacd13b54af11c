"""Word lists the actors and quotes stages share: roles, places, organisations.

Handwritten from general knowledge (names of countries, capitals and offices
are facts, not anyone's data), plus pycountry's ISO 3166 country list, which
ships inside a PyPI package sumy already depends on. A trained recogniser
replaces most of this later; the lists stay as features and fallbacks.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

SPEECH_VERBS = frozenset(
    """said says say told tells added adds asked asks stated states declared declares
    explained explains warned warns insisted insists noted notes wrote writes argued
    argues claimed claims replied replies continued continues tweeted tweets announced
    announces urged urges stressed stresses acknowledged acknowledges conceded concedes
    suggested suggests recalled recalls remarked remarks reiterated reiterates
    added admitted admits cautioned cautions complained complains countered counters
    emphasised emphasized emphasises emphasizes observed observes predicted predicts
    promised promises responded responds revealed reveals testified testifies vowed vows
    wondered wonders confirmed confirms denied denies described describes""".split()
)

# Words that attribute a quote: the speech verbs, their -ing forms ("saying"),
# and the other verbs news copy quotes with ("joked", "chanted", "posted").
QUOTE_CUES = SPEECH_VERBS | frozenset(
    """saying telling adding asking writing noting arguing explaining insisting warning
    declaring stating tweeting replying responding answering recalling urging stressing
    joked jokes quipped quips shouted shouts yelled yells chanted chanting answered answers
    posted posts pleaded boasted boasts bragged exclaimed concluded concludes lamented
    laments mused muses scoffed offered demanded demands whispered screamed sang
    reported reports surmised marveled marvelled pressed interjected exhorted proclaimed
    proclaims blasted fumed griped gushed snapped recounted recounts emailed texted""".split()
)

# Head words of job titles: "Foreign Minister", "US ambassador", "Belarusian leader".
ROLE_WORDS = frozenset(
    """president minister secretary leader ambassador chancellor premier governor senator
    congressman congresswoman mayor general commander chief head director chairman
    chairwoman chairperson chair ceo cfo executive official spokesman spokeswoman
    spokesperson envoy diplomat king queen prince princess pope prosecutor judge justice
    lawyer attorney analyst economist professor representative adviser advisor deputy
    coach manager founder owner author reporter correspondent editor mp lawmaker
    candidate officer captain admiral colonel lieutenant sergeant commissioner
    ombudsman emperor sheikh emir sultan ayatollah cardinal archbishop bishop rabbi imam
    speaker whip marshal inspector superintendent detective constable chef actor actress
    singer striker midfielder defender goalkeeper player""".split()
)
# Words that may sit inside a title before its head: "Deputy Foreign Minister".
ROLE_MODIFIERS = frozenset(
    """foreign defence defense interior finance prime vice deputy acting former senior
    chief top state federal national regional interim assistant associate executive
    general principal first lead opposition party union health trade economy economic
    justice energy environment education transport agriculture culture security
    intelligence military army navy secret press white house us u.s. uk eu un nato
    of the for and to""".split()
)
# Abbreviated titles that stand before a name ("Sen. Tammy Baldwin"): never a
# name themselves, and the role they abbreviate.
TITLE_EXPANSIONS = {
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "gen": "General",
    "lt": "Lieutenant",
    "col": "Colonel",
    "sgt": "Sergeant",
    "capt": "Captain",
    "adm": "Admiral",
    "maj": "Major",
    "cmdr": "Commander",
    "amb": "Ambassador",
    "pres": "President",
    "supt": "Superintendent",
    "det": "Detective",
    "insp": "Inspector",
    "cpl": "Corporal",
    "pvt": "Private",
    "hon": "Honourable",
    "atty": "Attorney",
    "rev": "Reverend",
    "gens": "General",
    "sens": "Senator",
    "reps": "Representative",
    "govs": "Governor",
}
TITLE_ABBREVIATIONS = frozenset(TITLE_EXPANSIONS)
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady mr. mrs. ms. dr. prof prof.".split())

# A capitalised word ending a span that makes it an organisation.
ORG_HEADS = frozenset(
    """ministry agency council party bank company corporation corp inc ltd plc llc group
    union association organisation organization committee commission department office
    institute university college school court parliament congress senate assembly army
    navy forces force police service services news times post journal herald tribune
    telegraph guardian press network channel television radio airlines airways club fc
    federation league foundation fund trust authority board bureau administration
    government cabinet kremlin pentagon church hospital museum exchange reserve
    brigade regiment command theatre theater international motors echo mail express
    industries holdings systems technologies labs studios records media capital
    partners ventures airline railways watch lords democrats republicans co animation
    entertainment pictures films studio games software""".split()
)
KNOWN_ORGS = frozenset(
    """Kremlin Pentagon NATO Reuters Bloomberg Interfax TASS Xinhua AFP BBC CNN Fed
    Google Apple Microsoft Amazon Facebook Meta Twitter Tesla Gazprom Rosneft OPEC IMF
    WHO WTO UNESCO UNICEF Hamas Hezbollah Taliban Congress Parliament Senate
    Downing Kremlin""".split()
) | {
    "White House",
    "European Union",
    "United Nations",
    "World Bank",
    "Security Council",
    "State Department",
    "European Commission",
}

# Lower-case nouns that say the name beside them is an organisation: "energy
# company Burisma", "Burisma, the company". And the suffixes of company names.
ORG_NOUNS = frozenset(
    """company companies firm firms group groups corporation conglomerate business
    businesses manufacturer maker makers producer supplier retailer carrier airline
    bank lender insurer broker fund startup start-up agency organisation organization
    charity party union network publisher broadcaster newspaper outlet platform
    subsidiary operator developer club team outfit""".split()
)
COMPANY_SUFFIXES = frozenset(
    "inc inc. ltd ltd. llc plc corp corp. co co. gmbh ag sa nv bv spa lp llp group holdings".split()
)
# Words that end an organisation's name when they close a multi-word name:
# "Seka Moving", "Delta Air Lines", "Acme Logistics". Not people's surnames.
ORG_NAME_ENDINGS = frozenset(
    """moving movers storage logistics services solutions systems technologies
    technology software media motors airlines airways lines foods pharmaceuticals
    pharma partners capital ventures studios records entertainment energy insurance
    realty construction industries laboratories labs bancorp""".split()
)

# Capitalised abbreviations that name things, not actors.
NON_ACTOR_ACRONYMS = frozenset(
    """TV TVs PC PCs AI GDP CEO CFO COO CTO IPO DNA HIV IT PR VR AR OK AM PM FM DJ SUV
    GPS USB PDF HTML API ID FAQ LGBT LGBTQ CO2 ET GMT BST EST PST UTC ISBN PIN ATM""".split()
)
# Event, era and document names: capitalised but not actors.
MISC_HEADS = frozenset(
    """war wars olympics games cup championship championships day act treaty agreement
    accord summit crisis conference festival award awards prize revolution election
    elections covid-19 covid coronavirus pandemic rights""".split()
)
# Words that end a place name: "Black Sea", "Red Square".
LOC_HEADS = frozenset(
    """sea ocean river lake mountains mountain island islands peninsula gulf bay valley
    desert strait square street avenue road region province state county district
    city airport""".split()
)
REGIONS = frozenset(
    """Europe Asia Africa America Americas Antarctica Oceania Arctic Balkans Caucasus
    Crimea Donbas Donbass Kashmir Siberia Scandinavia Gaza Palestine Kosovo Tibet Taiwan
    Hong Kong Macau Scotland Wales England Catalonia Kurdistan Sahel""".split()
) | {
    "Middle East",
    "Latin America",
    "North America",
    "South America",
    "Central Asia",
    "Western Europe",
    "Eastern Europe",
    "Southeast Asia",
    "West Bank",
    "Hong Kong",
}
# Capitals and the cities that make international news.
CITIES = frozenset(
    """Moscow Kyiv Kiev Washington London Paris Berlin Beijing Tokyo Geneva Brussels Rome
    Madrid Lisbon Vienna Warsaw Prague Budapest Bucharest Sofia Athens Ankara Istanbul
    Minsk Vilnius Riga Tallinn Helsinki Stockholm Oslo Copenhagen Dublin Amsterdam
    Hague Bern Zurich Munich Frankfurt Hamburg Milan Naples Barcelona Marseille Lyon
    Kharkiv Odesa Odessa Lviv Donetsk Luhansk Mariupol Sevastopol Petersburg Tbilisi
    Yerevan Baku Tehran Baghdad Damascus Beirut Amman Jerusalem Riyadh Doha Dubai
    Cairo Tripoli Tunis Algiers Rabat Khartoum Nairobi Lagos Abuja Accra Johannesburg
    Pretoria Addis Ababa Kabul Islamabad Karachi Lahore Delhi Mumbai Kolkata Bangalore
    Dhaka Kathmandu Colombo Bangkok Hanoi Manila Jakarta Singapore Seoul Pyongyang
    Shanghai Taipei Canberra Sydney Melbourne Wellington Auckland Ottawa Toronto
    Montreal Vancouver Chicago Boston Houston Miami Atlanta Dallas Seattle Detroit
    Philadelphia Brasilia Havana Caracas Bogota Lima Santiago Quito Mexico Tijuana""".split()
) | {
    "New York",
    "Los Angeles",
    "San Francisco",
    "New Delhi",
    "Hong Kong",
    "Buenos Aires",
    "Rio de Janeiro",
    "Sao Paulo",
    "St Petersburg",
    "Kuala Lumpur",
    "Mexico City",
    "Abu Dhabi",
    "Tel Aviv",
    "Cape Town",
}

# Common short names that ISO 3166 writes differently, and the abbreviations news uses.
COUNTRY_ALIASES: dict[str, str] = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "United Kingdom": "United Kingdom",
    "Russia": "Russia",
    "Russian Federation": "Russia",
    "Iran": "Iran",
    "Syria": "Syria",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Vietnam": "Vietnam",
    "Laos": "Laos",
    "Bolivia": "Bolivia",
    "Venezuela": "Venezuela",
    "Tanzania": "Tanzania",
    "Moldova": "Moldova",
    "Czech Republic": "Czech Republic",
    "Czechia": "Czech Republic",
    "Turkey": "Turkey",
    "Türkiye": "Turkey",
    "Congo": "Congo",
    "Ivory Coast": "Ivory Coast",
    "Vatican": "Vatican",
    "Macedonia": "North Macedonia",
    "Holland": "Netherlands",
    "UAE": "United Arab Emirates",
    "Emirates": "United Arab Emirates",
}

DEMONYMS = frozenset(
    """American Americans British Briton Britons English Scottish Welsh Irish French German
    Germans Italian Italians Spanish Portuguese Dutch Belgian Swiss Austrian Polish Czech
    Slovak Hungarian Romanian Bulgarian Greek Turkish Russian Russians Ukrainian
    Ukrainians Belarusian Belarusians Lithuanian Latvian Estonian Finnish Swedish
    Norwegian Danish Icelandic Georgian Armenian Azerbaijani Kazakh Uzbek Chinese
    Japanese Korean Vietnamese Thai Indian Pakistani Afghan Iranian Iraqi Syrian
    Lebanese Israeli Israelis Palestinian Palestinians Jordanian Saudi Egyptian Libyan
    Tunisian Algerian Moroccan Nigerian Kenyan Ethiopian African Somali Sudanese
    Canadian Mexican Brazilian Argentine Argentinian Chilean Colombian Venezuelan
    Cuban Peruvian Australian Australians European Europeans Asian Western Eastern
    Soviet Arab Arabs Muslim Muslims Christian Christians Jewish Catholic Republican
    Republicans Democrat Democrats Democratic Conservative Conservatives Labour
    Communist Kurdish Kurds Serbian Serb Serbs Croatian Bosnian Albanian""".split()
)
CALENDAR_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Jan Feb Mar Apr Jun
    Jul Aug Sep Sept Oct Nov Dec Christmas Easter Ramadan""".split()
)


COUNTRIES_RESOURCE = "data/countries.tsv"


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country name (as written in text) -> canonical name, from ISO 3166 + aliases.

    The ISO 3166 names are read from the list shipped in the package
    (`write_countries` makes it from pycountry; a test keeps the two equal):
    importing pycountry and loading its database took 50 ms, a tenth of a
    one-article run."""
    try:
        rows = resources.files("newsum").joinpath(COUNTRIES_RESOURCE).read_text("utf-8").splitlines()
        names = dict(row.split("\t", 1) for row in rows if "\t" in row)
    except OSError:
        names = iso_countries()
    names.update(COUNTRY_ALIASES)
    return names


def iso_countries() -> dict[str, str]:
    """pycountry's ISO 3166 countries: official and common names -> the common name."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        for name in (country.name, canonical):
            if "," not in name:
                names[name] = canonical
    return names


def write_countries(path: str) -> None:
    """Ship `iso_countries` in the package (``newsum/data/countries.tsv``)."""
    rows = "".join(f"{name}\t{canonical}\n" for name, canonical in iso_countries().items())
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(rows)


def place_name(name: str) -> str | None:
    """The canonical place a name refers to, or None if it is not a known place."""
    country = countries().get(name)
    if country:
        return country
    if name in CITIES or name in REGIONS:
        return name
    return None


FIRST_NAMES_RESOURCE = "data/first_names.tsv.gz"


@functools.lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name (lower case) -> "m" or "f", from the 1990 US Census lists (see
    newsum/training/first_names.py); names both genders use are not listed."""
    raw = resources.files("newsum").joinpath(FIRST_NAMES_RESOURCE).read_bytes()
    rows = gzip.decompress(raw).decode("ascii").splitlines()
    return dict(row.split("\t", 1) for row in rows if "\t" in row)
