"""find_countries: names, short forms, adjectives, offsets and false-positive traps."""

from app.extract.countries import CountryHit, find_countries


def codes(text: str) -> list[str]:
    return [hit.code for hit in find_countries(text)]


def test_hits_carry_offsets_surface_and_text_order() -> None:
    text = "Troops from Norway and Peru arrived."
    hits = find_countries(text)
    assert hits == [
        CountryHit("NO", 12, 18, "Norway", False),
        CountryHit("PE", 23, 27, "Peru", False),
    ]
    assert all(text[hit.start : hit.end] == hit.surface for hit in hits)


def test_official_and_common_names_from_pycountry() -> None:
    assert codes("the Federal Republic of Germany") == ["DE"]
    assert codes("the Syrian Arab Republic and Viet Nam") == ["SY", "VN"]
    assert codes("the Russian Federation") == ["RU"]


def test_short_forms() -> None:
    text = "The U.S., US, USA, UK, U.K., Britain and Russia met South Korea."
    assert codes(text) == ["US", "US", "US", "GB", "GB", "GB", "RU", "KR"]


def test_adjectives_and_plural_demonyms_are_flagged() -> None:
    hits = find_countries("Kazakh and Afghan officers met British, Chinese and Russians.")
    assert [(hit.code, hit.adjective) for hit in hits] == [
        ("KZ", True),
        ("AF", True),
        ("GB", True),
        ("CN", True),
        ("RU", True),
    ]


def test_possessives_and_hyphenated_pairs() -> None:
    assert codes("Kazakhstan's army and Mali’s navy") == ["KZ", "ML"]
    assert codes("a US-Kyrgyz field exercise") == ["US", "KG"]


def test_lowercase_words_are_not_countries() -> None:
    assert codes("let us roast a turkey on fine china in a chad") == []


def test_all_caps_pronoun_us_is_not_the_country() -> None:
    assert codes("LET US TALK") == []
    assert codes("US TROOPS LAND") == ["US"]


def test_regions_alliances_and_the_west_are_not_countries() -> None:
    text = "Central Asia, the Caucasus, Europe, the Balkans, NATO and the West met in Brussels."
    assert codes(text) == []


def test_longest_match_wins() -> None:
    text = "Guinea-Bissau, Guinea, Equatorial Guinea, Papua New Guinea"
    assert codes(text) == ["GW", "GN", "GQ", "PG"]
    assert codes("South Sudan and Sudan") == ["SS", "SD"]
    assert codes("Niger and Nigeria, Nigerien and Nigerian") == ["NE", "NG", "NE", "NG"]
    assert codes("Dominica and the Dominican Republic") == ["DM", "DO"]
    assert codes("North Korea and South Korea") == ["KP", "KR"]


def test_places_containing_a_country_name_are_not_that_country() -> None:
    assert codes("New Mexico or the Sea of Japan") == []
    assert codes("the Korean Peninsula and the Indian Ocean") == []
    assert codes("British Columbia and Latin America") == []


def test_dependent_territories_are_not_sovereign_countries() -> None:
    assert codes("Puerto Rico, Greenland and American Samoa") == []


def test_given_names_are_not_countries() -> None:
    assert codes("the fans cheered when Michael Jordan scored") == []
    assert codes("Chad Smith plays drums") == []
    assert codes("Mr Jordan said") == []


def test_country_names_that_are_also_given_names_still_match_as_countries() -> None:
    assert codes("The King of Jordan visited Chad.") == ["JO", "TD"]
    assert codes("Exercise Iron Shield opens in Georgia") == ["GE"]
    assert codes("Georgian troops and Jordan President") == ["GE", "JO"]


def test_us_state_of_georgia_is_not_the_country() -> None:
    assert codes("a base near Atlanta, Georgia and the state of Georgia") == []


def test_congo_forms() -> None:
    assert codes("the Democratic Republic of the Congo and the Republic of the Congo") == [
        "CD",
        "CG",
    ]


def test_turkey_and_turkiye() -> None:
    assert codes("Turkey, Türkiye and Turkish ships") == ["TR", "TR", "TR"]


def test_empty_text() -> None:
    assert find_countries("") == []


def test_seas_and_gulfs_named_after_a_country_are_regions() -> None:
    assert codes("ships in the Gulf of Oman and the Gulf of Finland") == []


def test_ambiguous_short_demonyms_are_left_out() -> None:
    assert codes("Brit Awards, a Pole vaulter and the Emirates Stadium") == []
    assert codes("Britons and Poles") == ["GB", "PL"]


def test_places_named_after_a_country_by_shape_words_are_not_the_country() -> None:
    assert codes("the Korean Peninsula, the Indian Ocean and the South China Sea") == []
    assert codes("the Bay of Bengal, the Strait of Korea and the Niger River") == []
    assert codes("Korea and China") == ["KR", "CN"]
