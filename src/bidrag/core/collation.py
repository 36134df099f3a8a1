"""Swedish alphabetical order without the operating system's locales.

The Swedish alphabet ends … x y z å ä ö; letters with other accents sort as their base letter
(é as e, ü as y, æ as ä, ø as ö), upper and lower case alike. Runs of digits compare as numbers
("Bilaga 2" before "Bilaga 10"), and spaces and punctuation before digits before letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"
_LETTER = {letter: index for index, letter in enumerate(ALPHABET)}
# Letters that Swedish orders as another letter of its alphabet (besides plain accents).
_AS = {"æ": "ä", "ø": "ö", "ü": "y"}
_RUN = re.compile(r"\d+|\D")

# Classes, in order: separators, numbers, letters, anything else.
SEPARATOR, NUMBER, LETTER, OTHER = range(4)

SortKey = tuple[tuple[int, int], ...]


@lru_cache(maxsize=4096)
def _char(c: str) -> tuple[int, int]:
    lower = c.casefold()
    lower = _AS.get(lower, lower)
    if lower in _LETTER:
        return (LETTER, _LETTER[lower])
    base = unicodedata.normalize("NFD", lower)[:1]
    if base in _LETTER and base not in "åäö":
        return (LETTER, _LETTER[base])
    if not c.isalnum():
        return (SEPARATOR, ord(c))
    return (OTHER, ord(c))


def swedish_key(text: str) -> tuple[SortKey, str]:
    """A key that orders strings as a Swedish dictionary does; ties broken by the text itself."""
    parts: list[tuple[int, int]] = []
    for run in _RUN.findall(" ".join(text.split())):
        if run.isdigit() and run.isascii():
            parts.append((NUMBER, int(run)))
        else:
            parts.append(_char(run))
    return tuple(parts), text
