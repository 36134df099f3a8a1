"""Swedish alphabetical order without locales: … x y z å ä ö, digits as numbers."""

from __future__ import annotations

from bidrag.core.collation import swedish_key


def ordered(*words: str) -> list[str]:
    return sorted(words, key=swedish_key)


def test_a_ring_a_umlaut_o_umlaut_come_after_z_in_that_order() -> None:
    assert ordered("ö", "Ä", "å", "z", "A") == ["A", "z", "å", "Ä", "ö"]
    assert ordered("Region Östergötland", "Region Örebro län", "Region Västmanland") == [
        "Region Västmanland",
        "Region Örebro län",
        "Region Östergötland",
    ]


def test_other_accents_sort_as_their_base_letter_and_case_does_not_matter() -> None:
    assert ordered("Ewa", "Éva", "Eve") == ["Éva", "Eve", "Ewa"]
    assert ordered("Müller", "Mylläri", "Mustonen") == ["Mustonen", "Müller", "Mylläri"]
    assert ordered("region skåne", "Region Stockholm") == ["region skåne", "Region Stockholm"]


def test_numbers_inside_text_compare_as_numbers() -> None:
    assert ordered("Bilaga 10", "Bilaga 2", "Bilaga 1") == ["Bilaga 1", "Bilaga 2", "Bilaga 10"]
    assert ordered("2023", "2021", "999") == ["999", "2021", "2023"]
