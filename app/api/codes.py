"""ISO 3166-1 alpha-2 country codes, the only codes country filters and paths take.

The set is pycountry's (the codes the extractor stores). The OpenAPI schema states it as a
pattern that accepts exactly these codes in any case, so clients and test generators know
which values are valid without a 249-item enum per parameter."""

from itertools import groupby

import pycountry

COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries)


def _either_case(letters: str) -> str:
    return "".join(sorted(letters.upper() + letters.lower()))


def _pattern(codes: frozenset[str]) -> str:
    groups = groupby(sorted(codes), key=lambda code: code[0])
    branches = [
        f"[{first}{first.lower()}][{_either_case(''.join(code[1] for code in group))}]"
        for first, group in groups
    ]
    return "^(?:" + "|".join(branches) + ")$"


COUNTRY_PATTERN = _pattern(COUNTRY_CODES)
COUNTRY_MESSAGE = "is not an ISO 3166-1 alpha-2 country code (two letters, such as KZ)"
