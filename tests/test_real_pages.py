"""Regression tests for the saved news pages of issue 14, read from
../shared/data/extraction (research-only data: read there, never copied into
the project). Skipped when ../shared is absent."""

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsum.cli.app import app
from newsum.pipeline import digest_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction"
CBS = SHARED / "dev" / "7a664e40d256470fdb12d10c3f8d1c6db0581e9b080c71765e55f273a3ac7d03.html.gz"
DAVIS_CUP = SHARED / "dev" / "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0.html.gz"
LISTICLE = SHARED / "wcxb-articles-dev" / "0056.html.gz"

needs_pages = pytest.mark.skipif(
    not all(p.is_file() for p in (CBS, DAVIS_CUP, LISTICLE)), reason="../shared extraction pages not found"
)


def digest_of(path: Path):
    return digest_text(gzip.decompress(path.read_bytes()).decode("utf-8"), str(path), html=True)


def page_file(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / path.name.removesuffix(".gz")
    out.write_bytes(gzip.decompress(path.read_bytes()))
    return out


@needs_pages
def test_cbs_impeachment_page_has_one_actor_per_entity():
    digest = digest_of(CBS)
    actors = {a.name: a for a in digest.actors}
    joe = actors["Joe Biden"]
    assert joe.type == "PER" and "Biden" in joe.aliases and joe.role == "former Vice President"
    assert "Biden" not in actors
    assert actors["Hunter Biden"].type == "PER" and "Hunter Biden" != joe.name
    nsc = [a for a in digest.actors if a.name == "NSC" or "NSC" in a.aliases]
    assert len(nsc) == 1 and "National Security Council" in [nsc[0].name, *nsc[0].aliases]
    assert not any(a.name in {"National Security Council", "National Security"} for a in digest.actors if a not in nsc)
    assert "European Union Gordon Sondland" not in actors
    assert actors["Gordon Sondland"].type == "PER"
    assert "European Union" in (actors["Gordon Sondland"].role or "")
    assert actors["Burisma"].type == "ORG"
    # The headings ("2. Never urged Ukraine to investigate Joe Biden") are not actors.
    assert not any("urged" in a.name or "Questioning" in a.name for a in digest.actors)


@needs_pages
def test_davis_cup_page_dateline_types_and_short_list(tmp_path):
    digest = digest_of(DAVIS_CUP)
    assert digest.article.meta.dateline == "MADRID"
    assert "MADRID" not in digest.summary[0].text
    assert not any("MADRID" in k.phrase.upper() for k in digest.keyphrases)
    actors = {a.name: a for a in digest.actors}
    assert "MADRID" not in actors
    assert actors["Reilly Opelka"].type == "PER"
    assert "Serbia Novak Djokovic" not in actors and actors["Novak Djokovic"].type == "PER"
    result = CliRunner().invoke(app, ["summarize", str(page_file(DAVIS_CUP, tmp_path)), "--format", "text"])
    assert result.exit_code == 0
    listed = result.stdout.split("\nActors\n")[1].splitlines()
    assert len([line for line in listed if line.startswith("  ") and " x" in line]) <= 15
    assert listed[-1].startswith("  ... and ") and "more" in listed[-1]
    assert "Associated Press | 2019-11-19 | MADRID" in result.stdout


@needs_pages
def test_listicle_headings_are_not_actors(tmp_path):
    digest = digest_of(LISTICLE)
    names = {a.name for a in digest.actors}
    for heading in ("Pros & Cons", "How Much Does It Cost To Hire Local Movers", "How To Choose", "Studio", "BR"):
        assert heading not in names
    assert not any(n.startswith("How ") or n in {"Specialty Services Offered", "Office Moving"} for n in names)
    assert "New York" in names


@needs_pages
def test_json_keeps_every_actor_with_its_salience(tmp_path):
    result = CliRunner().invoke(
        app, ["summarize", str(page_file(DAVIS_CUP, tmp_path)), "--format", "json", "--actors", "3"]
    )
    actors = json.loads(result.stdout)["actors"]
    assert len(actors) > 15
    saliences = [a["salience"] for a in actors]
    assert saliences[0] == 1.0 and saliences == sorted(saliences, reverse=True)
