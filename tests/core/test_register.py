"""The register of regions and counties: codes, names, the documents' spellings, refusals."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from bidrag.core.errors import DomainError, RegisterError
from bidrag.core.identifiers import parse_orgnr
from bidrag.core.register import (
    CODES,
    COUNTIES,
    ORGANISATIONSNUMMER_SOURCES,
    REGIONS,
    SPELLINGS,
    County,
    Region,
    county_by_code,
    known_spellings,
    region_by_code,
    resolve,
    resolve_county,
    resolve_region,
)

# The repository's copies of the documents' tables (tests/fixtures/seeds/README.md).
SEED_TABLES = Path(__file__).parents[1] / "fixtures" / "seeds"

# shared/data/README.md, "Canonical names": code, region, county, printed spellings.
README_TABLE = """
01 | Region Stockholm | Stockholms län | Region Stockholm, Stockholm
03 | Region Uppsala | Uppsala län | Region Uppsala, Uppsala
04 | Region Sörmland | Södermanlands län | Region Sörmland, Sörmland
05 | Region Östergötland | Östergötlands län | Region Östergötland, Östergötland
06 | Region Jönköpings län | Jönköpings län | Region Jönköpings län, Jönköpings län
07 | Region Kronoberg | Kronobergs län | Region Kronoberg, Kronoberg
08 | Region Kalmar län | Kalmar län | Region Kalmar län, Kalmar län
09 | Region Gotland | Gotlands län | Region Gotland, Gotland
10 | Region Blekinge | Blekinge län | Region Blekinge, Blekinge
12 | Region Skåne | Skåne län | Region Skåne, Skåne
13 | Region Halland | Hallands län | Region Halland, Halland
14 | Västra Götalandsregionen | Västra Götalands län | Västra Götalandsregionen, Västragötalandsregionen, Västra Götaland
17 | Region Värmland | Värmlands län | Region Värmland, Värmland
18 | Region Örebro län | Örebro län | Region Örebro län, Region Örebro, Örebro län
19 | Region Västmanland | Västmanlands län | Region Västmanland, Västmanland
20 | Region Dalarna | Dalarnas län | Region Dalarna, Dalarna
21 | Region Gävleborg | Gävleborgs län | Region Gävleborg, Gävleborg
22 | Region Västernorrland | Västernorrlands län | Region Västernorrland, Västernorrland
23 | Region Jämtland Härjedalen | Jämtlands län | Region Jämtland Härjedalen, Jämtland Härjedalen
24 | Region Västerbotten | Västerbottens län | Region Västerbotten, Västerbotten
25 | Region Norrbotten | Norrbottens län | Region Norrbotten, Region Norrbottens, Norrbottn, Norrbotten
"""  # noqa: E501
ROWS = [[cell.strip() for cell in line.split("|")] for line in README_TABLE.strip().splitlines()]
SPELLING_CASES = [
    (code, spelling) for code, _, _, spellings in ROWS for spelling in spellings.split(", ")
]


def test_codes_are_the_21_lanskoder_in_order() -> None:
    assert tuple(row[0] for row in ROWS) == CODES
    assert len(REGIONS) == len(COUNTIES) == 21
    assert not {"02", "11", "15", "16"} & set(CODES)
    assert list(CODES) == sorted(CODES)


def test_canonical_names_match_the_data_readme() -> None:
    for (code, region, county, _), r, c in zip(ROWS, REGIONS, COUNTIES, strict=True):
        assert r == Region(code, region, county, r.organisationsnummer)
        assert c == County(code, county, region)
        assert region_by_code(code) is r
        assert county_by_code(code) is c


def test_organisation_numbers_only_where_printed_and_valid() -> None:
    printed = {r.code: r.organisationsnummer for r in REGIONS if r.organisationsnummer}
    assert printed == {
        "01": "232100-0016",  # Region Stockholm (seed 000 bilaga 2)
        "06": "232100-0057",  # Region Jönköpings län
        "12": "232100-0255",  # Södra Regionvårdsnämnden, Region Skåne
        "14": "232100-0131",  # Västra Götalandsregionen
        "17": "232100-0156",  # Region Värmland
    }
    assert set(ORGANISATIONSNUMMER_SOURCES) == set(printed)
    for number in printed.values():
        assert str(parse_orgnr(number)).replace("-", "") == number.replace("-", "")


@pytest.mark.parametrize(("code", "spelling"), SPELLING_CASES)
def test_every_printed_spelling_resolves(code: str, spelling: str) -> None:
    assert resolve_region(spelling).code == code
    assert resolve_county(spelling).code == code
    assert spelling in known_spellings()


def test_known_spellings_map_to_canonical_names() -> None:
    spellings = known_spellings()
    canonical = {r.name for r in REGIONS} | {c.name for c in COUNTIES}
    assert set(spellings.values()) <= canonical
    assert spellings["Region Norrbottens"] == "Region Norrbotten"
    assert spellings["Norrbottn"] == "Region Norrbotten"
    assert spellings["Västragötalandsregionen"] == "Västra Götalandsregionen"
    assert spellings["Region Örebro"] == "Region Örebro län"
    assert spellings["Stockholm"] == "Region Stockholm"
    assert spellings["Västra Götaland"] == "Västra Götalandsregionen"
    assert spellings["Örebro län"] == "Örebro län"
    assert spellings["Stockholms län"] == "Stockholms län"
    for region in REGIONS:
        assert spellings[region.name] == region.name
    for county in COUNTIES:
        assert spellings[county.name] == county.name


def test_spellings_say_where_they_were_seen() -> None:
    by_text = {s.text: s for s in SPELLINGS}
    assert by_text["Region Norrbottens"].seen_in == "seed 001 bilaga 1"
    assert by_text["Västragötalandsregionen"].seen_in == "seed 003 bilaga 3"
    assert by_text["Region Örebro"].seen_in == "seed 003 bilaga 3"
    assert by_text["Västra Götaland"].seen_in == "seed 003 bilaga 4"
    assert "not in the seed texts" in by_text["Norrbottn"].seen_in
    assert all(s.seen_in for s in SPELLINGS)


def test_the_data_files_recipients_resolve_to_their_canonical_names() -> None:
    checked = 0
    for path in sorted(SEED_TABLES.glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("row_type") != "data" or not row.get("county_code"):
                    continue
                printed, canonical = row["recipient_printed"], row["canonical"]
                if canonical.startswith("Region") or canonical.endswith("regionen"):
                    found: Region | County = resolve_region(printed)
                else:
                    found = resolve_county(printed)
                assert (found.code, found.name) == (row["county_code"], canonical), path.name
                checked += 1
    assert checked == 84  # 000 b1, 001 b1, 003 b3, 003 b4: 21 rows each


@pytest.mark.parametrize(
    "text",
    [
        "region norrbotten",
        "REGION NORRBOTTEN",
        "  Region   Norrbotten  ",
        "Region\u00a0Norrbotten",
        "Region\tNorrbotten",
        unicodedata.normalize("NFD", "Region Norrbotten"),
    ],
)
def test_case_and_white_space_insensitive(text: str) -> None:
    assert resolve_region(text).name == "Region Norrbotten"


def test_decomposed_letters_from_mac_files() -> None:
    assert resolve_county(unicodedata.normalize("NFD", "Örebro län")).code == "18"
    assert resolve_region(unicodedata.normalize("NFD", "Västragötalandsregionen")).code == "14"


def test_resolve_region_and_county_accept_each_others_names() -> None:
    # Seed 003 bilaga 3 labels counties with region names, bilaga 4 regions with county names.
    assert resolve_county("Region Blekinge").name == "Blekinge län"
    assert resolve_county("Västragötalandsregionen").name == "Västra Götalands län"
    assert resolve_region("Jönköpings län").name == "Region Jönköpings län"
    assert resolve_region("Stockholms län").name == "Region Stockholm"
    assert resolve_region("Jämtlands län").name == "Region Jämtland Härjedalen"
    assert resolve_county("Region Jämtland Härjedalen").name == "Jämtlands län"


def test_resolve_by_form() -> None:
    assert resolve("Region Stockholm") == region_by_code("01")
    assert resolve("Västragötalandsregionen") == region_by_code("14")
    assert resolve("Stockholms län") == county_by_code("01")
    assert resolve("Jönköpings län") == county_by_code("06")  # the county's own name
    assert resolve("Region Jönköpings län") == region_by_code("06")


@pytest.mark.parametrize(
    ("bare", "region", "county"),
    [
        ("Stockholm", "Region Stockholm", "Stockholms län"),
        ("Västra Götaland", "Västra Götalandsregionen", "Västra Götalands län"),
        ("Norrbottn", "Region Norrbotten", "Norrbottens län"),
        ("Sörmland", "Region Sörmland", "Södermanlands län"),
    ],
)
def test_resolve_refuses_bare_forms_as_ambiguous(bare: str, region: str, county: str) -> None:
    with pytest.raises(RegisterError) as exc:
        resolve(bare, "mottagare")
    assert exc.value.field == "mottagare"
    assert exc.value.reason == (
        f"'{bare}' is ambiguous: {region} or {county}; use resolve_region or resolve_county"
    )
    assert exc.value.value == bare


def test_unknown_region_suggests_the_closest() -> None:
    with pytest.raises(RegisterError) as exc:
        resolve_region("Region Norrbotte")
    assert str(exc.value) == (
        "recipient: 'Region Norrbotte' is not a known region; did you mean Region Norrbotten?"
    )
    assert exc.value.field == "recipient"
    assert exc.value.value == "Region Norrbotte"


def test_unknown_county_suggests_counties() -> None:
    with pytest.raises(RegisterError) as exc:
        resolve_county("Västerbotten län", "line 7, column 'Län'")
    assert str(exc.value) == (
        "line 7, column 'Län': 'Västerbotten län' is not a known county; "
        "did you mean Västerbottens län?"
    )


def test_unknown_name_for_resolve_suggests_both_kinds() -> None:
    with pytest.raises(RegisterError) as exc:
        resolve("Stokholms län")
    assert exc.value.reason == (
        "'Stokholms län' is not a known region or county; "
        "did you mean Region Stockholm or Stockholms län?"
    )


def test_no_silent_fuzzy_matching() -> None:
    for near in ("Region Norrbotte", "Örebro", "Region Jönköping", "Vastra Gotaland", "Skane"):
        with pytest.raises(RegisterError):
            resolve_region(near)


def test_a_municipality_is_not_a_county_and_gets_no_suggestion() -> None:
    with pytest.raises(RegisterError) as exc:
        resolve_county("Upplands Väsby")
    assert exc.value.reason == "'Upplands Väsby' is not a known county"


@pytest.mark.parametrize(("value", "reason"), [("", "is empty"), ("  ", "is empty")])
def test_empty_names(value: str, reason: str) -> None:
    with pytest.raises(RegisterError, match=f"^recipient: {reason}; expected a region$"):
        resolve_region(value)


def test_not_a_string() -> None:
    with pytest.raises(RegisterError, match="expected a name, got int"):
        resolve_region(1)  # type: ignore[arg-type]


def test_unknown_code() -> None:
    with pytest.raises(RegisterError) as exc:
        county_by_code("02")
    assert exc.value.field == "county_code"
    assert exc.value.reason.startswith("'02' is not a länskod (the 21 are 01, 03, 04")
    with pytest.raises(RegisterError):
        region_by_code("1")


def test_register_errors_are_domain_errors() -> None:
    assert issubclass(RegisterError, DomainError)
