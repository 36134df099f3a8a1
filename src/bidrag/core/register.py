"""The 21 regions and 21 counties (län), their SCB länskod, and every spelling the documents use.

Codes are SCB's länskoder ``"01"`` .. ``"25"`` (there is no 02, 11, 15 or 16). Each code has one
region and one county; a region's population is its county's.

Matching is exact after normalisation (Unicode NFC, case folded, runs of white space, no-break
spaces included, made one space): the canonical names and the spellings met in the documents
(:data:`SPELLINGS`, each with where it was seen). There is no silent fuzzy matching; an unknown
name raises :class:`RegisterError` suggesting the closest known names.

Which function to call:

- :func:`resolve_region` and :func:`resolve_county` accept *any* known spelling of a code, since
  the documents label one with the other's name (seed 003 bilaga 3 names counties "Region
  Blekinge", bilaga 4 names regions "Stockholm", "Jönköpings län"). The caller knows which table
  it reads and so which kind it wants.
- :func:`resolve` decides by the form of the name: a region form ("Region ...", "...regionen",
  a canonical region name) gives the Region; a canonical county name ("Stockholms län",
  "Jönköpings län") gives the County; a bare form ("Stockholm", "Västra Götaland", "Norrbotten")
  is ambiguous and raises RegisterError naming both, so the caller picks resolve_region or
  resolve_county.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Literal

from bidrag.core.errors import RegisterError

Kind = Literal["region", "county", "bare"]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    county_name: str
    organisationsnummer: str | None


@dataclass(frozen=True)
class County:
    code: str
    name: str
    region_name: str


@dataclass(frozen=True)
class Spelling:
    """A name as printed in a document, the code it denotes, its form and where it was seen."""

    text: str
    code: str
    kind: Kind
    seen_in: str


# code, region, county, organisationsnummer (only where a document prints it), its source.
_TABLE: tuple[tuple[str, str, str, str | None, str], ...] = (
    (
        "01",
        "Region Stockholm",
        "Stockholms län",
        "232100-0016",
        "seed 000 bilaga 2 (payee Hälso- och sjukvårdsförvaltningen, Region Stockholm)",
    ),
    ("03", "Region Uppsala", "Uppsala län", None, ""),
    ("04", "Region Sörmland", "Södermanlands län", None, ""),
    ("05", "Region Östergötland", "Östergötlands län", None, ""),
    (
        "06",
        "Region Jönköpings län",
        "Jönköpings län",
        "232100-0057",
        "seed 000 bilaga 2 (printed '232100 -0057')",
    ),
    ("07", "Region Kronoberg", "Kronobergs län", None, ""),
    ("08", "Region Kalmar län", "Kalmar län", None, ""),
    ("09", "Region Gotland", "Gotlands län", None, ""),
    ("10", "Region Blekinge", "Blekinge län", None, ""),
    (
        "12",
        "Region Skåne",
        "Skåne län",
        "232100-0255",
        "seed 000 bilaga 2 (printed '232100 -0255' for the payee Södra Regionvårdsnämnden, a "
        "committee of Region Skåne: its payment reference reads 'Region Skåne / Södra "
        "Regionvårdsnämnden')",
    ),
    ("13", "Region Halland", "Hallands län", None, ""),
    (
        "14",
        "Västra Götalandsregionen",
        "Västra Götalands län",
        "232100-0131",
        "seed 000 bilaga 2",
    ),
    (
        "17",
        "Region Värmland",
        "Värmlands län",
        "232100-0156",
        "seed 000 bilaga 2 (printed '2321000156')",
    ),
    ("18", "Region Örebro län", "Örebro län", None, ""),
    ("19", "Region Västmanland", "Västmanlands län", None, ""),
    ("20", "Region Dalarna", "Dalarnas län", None, ""),
    ("21", "Region Gävleborg", "Gävleborgs län", None, ""),
    ("22", "Region Västernorrland", "Västernorrlands län", None, ""),
    ("23", "Region Jämtland Härjedalen", "Jämtlands län", None, ""),
    ("24", "Region Västerbotten", "Västerbottens län", None, ""),
    ("25", "Region Norrbotten", "Norrbottens län", None, ""),
)

REGIONS: tuple[Region, ...] = tuple(
    Region(code, region, county, orgnr) for code, region, county, orgnr, _ in _TABLE
)
COUNTIES: tuple[County, ...] = tuple(
    County(code, county, region) for code, region, county, _, _ in _TABLE
)
CODES: tuple[str, ...] = tuple(r.code for r in REGIONS)
ORGANISATIONSNUMMER_SOURCES: dict[str, str] = {
    code: source for code, _, _, orgnr, source in _TABLE if orgnr
}

_B1_000 = "seed 000 bilaga 1"
_B2_000 = "seed 000 bilaga 2"
_B1_001 = "seed 001 bilaga 1"
_B3_003 = "seed 003 bilaga 3"
_B4_003 = "seed 003 bilaga 4"
_REGION_TABLES = f"{_B1_000}; {_B1_001}; {_B3_003}"

# Every printed spelling other than the canonical names, and where it was seen. Canonical names
# are matched too (see _SPELLINGS below); for them ``seen_in`` says where they are printed.
SPELLINGS: tuple[Spelling, ...] = (
    # Region names as printed in the regions' tables (000 and 001 bilaga 1) and, for counties'
    # municipalities, in seed 003 bilaga 3.
    *(
        Spelling(
            region,
            code,
            "region",
            _REGION_TABLES + (f"; {_B2_000}" if code in ("01", "06", "12", "17") else ""),
        )
        for code, region, _, _, _ in _TABLE
        if code not in ("14", "18", "25")
    ),
    Spelling("Västra Götalandsregionen", "14", "region", f"{_B1_000}; {_B2_000}; {_B1_001}"),
    Spelling("Västragötalandsregionen", "14", "region", _B3_003),
    Spelling("Region Örebro län", "18", "region", f"{_B1_000}; {_B1_001}"),
    Spelling("Region Örebro", "18", "region", _B3_003),
    Spelling("Region Norrbotten", "25", "region", f"{_B1_000}; {_B3_003}"),
    Spelling("Region Norrbottens", "25", "region", _B1_001),
    # Seed 003 bilaga 4 labels the regions with (short) county names.
    Spelling("Stockholm", "01", "bare", _B4_003),
    Spelling("Uppsala", "03", "bare", _B4_003),
    Spelling("Sörmland", "04", "bare", _B4_003),
    Spelling("Östergötland", "05", "bare", _B4_003),
    Spelling("Jönköpings län", "06", "county", _B4_003),
    Spelling("Kronoberg", "07", "bare", _B4_003),
    Spelling("Kalmar län", "08", "county", _B4_003),
    Spelling("Gotland", "09", "bare", _B4_003),
    Spelling("Blekinge", "10", "bare", _B4_003),
    Spelling("Skåne", "12", "bare", _B4_003),
    Spelling("Halland", "13", "bare", _B4_003),
    Spelling("Västra Götaland", "14", "bare", _B4_003),
    Spelling("Värmland", "17", "bare", _B4_003),
    Spelling("Örebro län", "18", "county", _B4_003),
    Spelling("Västmanland", "19", "bare", _B4_003),
    Spelling("Dalarna", "20", "bare", _B4_003),
    Spelling("Gävleborg", "21", "bare", _B4_003),
    Spelling("Västernorrland", "22", "bare", _B4_003),
    Spelling("Jämtland Härjedalen", "23", "bare", _B4_003),
    Spelling("Västerbotten", "24", "bare", _B4_003),
    Spelling("Norrbotten", "25", "bare", _B4_003),
    # Listed among the spellings met in shared/data/README.md; not found in the seed texts.
    Spelling("Norrbottn", "25", "bare", "shared/data/README.md (not in the seed texts)"),
)


def normalise(name: str) -> str:
    """The key names are matched by: NFC, case folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def _build() -> dict[str, Spelling]:
    index: dict[str, Spelling] = {}
    for s in SPELLINGS:
        index[normalise(s.text)] = s
    for region in REGIONS:
        index.setdefault(
            normalise(region.name), Spelling(region.name, region.code, "region", "canonical")
        )
    for county in COUNTIES:
        key = normalise(county.name)
        if key not in index:
            index[key] = Spelling(county.name, county.code, "county", "canonical (SCB)")
    return index


_INDEX: dict[str, Spelling] = _build()
_REGION_BY_CODE: dict[str, Region] = {r.code: r for r in REGIONS}
_COUNTY_BY_CODE: dict[str, County] = {c.code: c for c in COUNTIES}


def known_spellings() -> dict[str, str]:
    """Printed spelling → canonical name.

    Region forms map to the region, canonical county names (also "Jönköpings län", "Kalmar län",
    "Örebro län", which seed 003 bilaga 4 uses for regions) to the county, and bare forms
    ("Stockholm", "Norrbotten"), printed only as region labels, to the region.
    """
    result: dict[str, str] = {}
    for spelling in _INDEX.values():
        if spelling.kind == "county":
            result[spelling.text] = _COUNTY_BY_CODE[spelling.code].name
        else:
            result[spelling.text] = _REGION_BY_CODE[spelling.code].name
    return result


def region_by_code(code: str, field: str = "county_code") -> Region:
    try:
        return _REGION_BY_CODE[code]
    except (KeyError, TypeError):
        raise _not_a_code(code, field) from None


def county_by_code(code: str, field: str = "county_code") -> County:
    try:
        return _COUNTY_BY_CODE[code]
    except (KeyError, TypeError):
        raise _not_a_code(code, field) from None


def _not_a_code(code: object, field: str) -> RegisterError:
    return RegisterError(
        field,
        f"'{code}' is not a länskod (the 21 are {', '.join(CODES)})",
        code,
        code="register.not-a-county-code",
        params={"value": str(code), "codes": list(CODES)},
    )


def _lookup(name: object, field: str, what: str) -> Spelling:
    kind = what.replace(" ", "-")  # "region", "county", "region-or-county"
    if not isinstance(name, str):
        raise RegisterError(
            field,
            f"expected a name, got {type(name).__name__}",
            name,
            code="register.type",
            params={"type": type(name).__name__, "what": kind},
        )
    if not name.strip():
        raise RegisterError(
            field,
            f"is empty; expected a {what}",
            name,
            code="register.empty",
            params={"what": kind},
        )
    spelling = _INDEX.get(normalise(name))
    if spelling is None:
        names = _suggestions(name, what)
        hint = ""
        if names:
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            hint = f"; did you mean {listed}?"
        raise RegisterError(
            field,
            f"'{name.strip()}' is not a known {what}{hint}",
            name,
            code="register.unknown",
            params={"name": name.strip(), "what": kind, "suggestions": names},
        )
    return spelling


def _suggestions(name: str, what: str) -> list[str]:
    """The closest known names (ties and near-ties only), at most three."""
    key = normalise(name)
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in _INDEX),
        key=lambda pair: -pair[0],
    )
    if not scored or scored[0][0] < 0.6:
        return []
    best = scored[0][0]
    names: list[str] = []
    for ratio, k in scored:
        if ratio < best - 0.1 or ratio < 0.6:
            break
        spelling = _INDEX[k]
        candidates = []
        if what != "county":
            candidates.append(_REGION_BY_CODE[spelling.code].name)
        if what != "region":
            candidates.append(_COUNTY_BY_CODE[spelling.code].name)
        names.extend(c for c in candidates if c not in names)
    return names[:3]


def resolve_region(name: str, field: str = "recipient") -> Region:
    """The region any known spelling of its own or its county's name denotes."""
    return _REGION_BY_CODE[_lookup(name, field, "region").code]


def resolve_county(name: str, field: str = "recipient") -> County:
    """The county any known spelling of its own or its region's name denotes."""
    return _COUNTY_BY_CODE[_lookup(name, field, "county").code]


def resolve(name: str, field: str = "recipient") -> Region | County:
    """A Region for a region form, a County for a county name; bare forms are ambiguous."""
    spelling = _lookup(name, field, "region or county")
    region = _REGION_BY_CODE[spelling.code]
    county = _COUNTY_BY_CODE[spelling.code]
    if spelling.kind == "region":
        return region
    if spelling.kind == "county":
        return county
    raise RegisterError(
        field,
        f"'{name.strip()}' is ambiguous: {region.name} or {county.name}; "
        "use resolve_region or resolve_county",
        name,
        code="register.ambiguous",
        params={"name": name.strip(), "region": region.name, "county": county.name},
    )


# The six collaboration regions (samverkansregioner) for healthcare, as the decisions name them;
# each is paid through a payee organisation its annex designates.
COLLABORATION_REGIONS = (
    "Norra samverkansregionen",
    "Sydöstra samverkansregionen",
    "Stockholm-Gotland samverkansregion",
    "Västra samverkansregionen",
    "Uppsala-Örebro samverkansregion",
    "Södra samverkansregionen",
)
