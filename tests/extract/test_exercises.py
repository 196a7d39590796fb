"""extract_exercises: name forms, year split, kind, frequency, host, dates and participant roles.

Every example is invented for the test; exercise names are made up.
"""

from app.extract.countries import find_countries
from app.extract.exercises import extract_exercises
from app.extract.types import ExerciseMention, Participation


def exercises(text: str) -> list[ExerciseMention]:
    return extract_exercises(text, find_countries(text))


def only(text: str) -> ExerciseMention:
    found = exercises(text)
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def roles(exercise: ExerciseMention) -> set[tuple[str, str]]:
    return {(p.country, p.role) for p in exercise.participants}


def test_quoted_name_before_kind_and_exercise_word() -> None:
    exercise = only("The annual 'Granite Owl' peacekeeping exercise is conducted in Mongolia.")
    assert exercise.name == "Granite Owl"
    assert exercise.kind == "peacekeeping"
    assert exercise.frequency == "annual"


def test_year_is_split_off_a_hyphenated_name() -> None:
    exercise = only("Troops from Chile joined the exercise Granite Owl-2017 last week.")
    assert (exercise.name, exercise.year) == ("Granite Owl", 2017)


def test_year_after_a_dash_with_spaces_and_two_digit_years() -> None:
    assert only("The drills Silver Lynx – 2015 will be held soon.").year == 2015
    assert only("Allies began the Silver Lynx-14 defense exercise.").year == 2014


def test_exercise_prefix_form() -> None:
    exercise = only("Soldiers gathered for Exercise Iron Heron near the coast.")
    assert exercise.name == "Iron Heron"


def test_name_before_drills_and_war_games() -> None:
    assert only("Moscow announced the Bora war games on Monday.").name == "Bora"
    assert only("The Bora 2021 drills started.").name == "Bora"


def test_name_with_year_in_an_article_about_exercises() -> None:
    text = "Copper Falcon 2023 began on Monday. The exercise involves 4,000 troops."
    exercise = only(text)
    assert (exercise.name, exercise.year) == ("Copper Falcon", 2023)


def test_copula_form_names_an_exercise() -> None:
    text = "Copper Falcon is a yearly combined naval exercise."
    exercise = only(text)
    assert (exercise.name, exercise.frequency, exercise.kind) == (
        "Copper Falcon",
        "annual",
        "naval",
    )


def test_edition_number_and_roman_numerals_are_not_part_of_the_name() -> None:
    assert only("The navy joined exercise ORCA LXI near the coast.").name == "ORCA"
    exercise = only("Officers opened Tamarind 12-2019 exercises.")
    assert (exercise.name, exercise.year) == ("Tamarind", 2019)


def test_all_caps_multiword_name_is_title_cased() -> None:
    assert only("the joint exercise “BLUE HARBOR 2023” commenced").name == "Blue Harbor"


def test_bracketed_alias_and_acronym_join_one_exercise() -> None:
    text = (
        "The exercise Northern Lantern (NORLAN) 2019 has started. NORLAN is a major naval exercise."
    )
    exercise = only(text)
    assert exercise.name in {"NORLAN", "Northern Lantern"}
    assert exercise.year == 2019


def test_generic_phrases_programmes_and_quoted_titles_are_not_exercises() -> None:
    text = (
        "The exercise was held in the spirit of 'Open Doors'. Officers joined joint exercises "
        "and a conference called 'The Heart of Things'. NATO military exercises followed."
    )
    assert exercises(text) == []


def test_text_without_exercise_words_has_no_exercises() -> None:
    assert exercises("Lisbon 2030 Summer Games drew crowds.") == []


def test_a_year_alone_needs_an_article_about_the_military() -> None:
    assert exercises("Vision 2030 was unveiled. Staff did breathing exercises.") == []


def test_exercise_as_a_verb_or_finance_term_is_not_an_exercise() -> None:
    text = "Army suppliers said Acme exercises all its options. At the time of exercise, Acme said."
    assert exercises(text) == []


def test_all_capital_headlines_and_aircraft_models_are_not_names() -> None:
    text = "NAVY WINS LARGE DRILLS CONTRACT\n\nThe navy ordered MD-11 jets for drills."
    assert exercises(text) == []


def test_sentence_initial_capital_alone_is_not_a_name() -> None:
    assert exercises("Whatever manoeuvre the army tries will fail.") == []


def test_region_before_exercise_word_is_not_a_name() -> None:
    assert exercises("Two frigates will sail to the Adriatic Sea exercises") == []


def test_host_from_territory_phrase_and_month_from_in_month_year() -> None:
    text = (
        "Each year the 'Granite Owl' drills take place on the territory of Mongolia. "
        "In May 2015 the drills gathered a company of Kyrgyzstan."
    )
    exercise = only(text)
    assert (exercise.host, exercise.year, exercise.month) == ("MN", 2015, 5)


def test_host_from_held_in_and_hosted_by_and_will_host() -> None:
    assert only("The Amber Gate 2020 exercise was held in Estonia.").host == "EE"
    assert only("Amber Gate 2020, hosted by Latvia, is a naval exercise.").host == "LV"
    assert only("Norway will host the Amber Gate exercise in 2020.").host == "NO"


def test_two_venues_give_no_single_host() -> None:
    text = "The Amber Gate 2020 drills are held at ranges in Belarus and in Russia."
    assert only(text).host is None


def test_month_from_a_start_date_and_not_from_an_announcement_date() -> None:
    assert only("The Amber Gate 2020 exercise began on September 24.").month == 9
    text = "The ministry announced Feb. 3 that the Amber Gate 2020 exercise will be held in spring."
    assert only(text).month is None


def test_end_date_gives_a_month_only_when_late_in_the_month() -> None:
    assert only("The Amber Gate 2020 exercise runs until Aug. 15.").month == 8
    assert only("The Amber Gate 2020 exercise will go on until March 2.").month is None


def test_frequency_every_two_years_is_biennial() -> None:
    text = "Amber Gate 2020 is held every two years. The exercise tests army readiness."
    assert only(text).frequency == "biennial"


def test_units_and_representatives_roles() -> None:
    text = (
        "Soldiers of the national armies of Chile, Peru and the UK joined the 'Granite Owl' "
        "drills, and so did delegates from Ghana and Togo."
    )
    assert roles(only(text)) == {
        ("CL", "units"),
        ("PE", "units"),
        ("GB", "units"),
        ("GH", "representatives"),
        ("TG", "representatives"),
    }


def test_listed_nations_without_troops_are_participants() -> None:
    text = "Exercise Iron Heron has three participating nations: Armenia, Slovenia and Peru."
    assert roles(only(text)) == {
        ("AM", "participant"),
        ("SI", "participant"),
        ("PE", "participant"),
    }


def test_adjective_before_forces_gives_units() -> None:
    text = "The Iron Heron 2019 exercise between Chilean and Peruvian forces began."
    assert roles(only(text)) == {("CL", "units"), ("PE", "units")}


def test_observers_are_representatives_and_participant_verbs_after_the_list() -> None:
    text = (
        "Iron Heron 2019 is a joint exercise. Two states sent observers - Brunei "
        "and Chile. Peru and Bolivia will also participate in Iron Heron."
    )
    assert roles(only(text)) == {
        ("BN", "representatives"),
        ("CL", "representatives"),
        ("PE", "participant"),
        ("BO", "participant"),
    }


def test_declined_invitation_is_not_participation() -> None:
    text = "Iron Heron 2019 is a joint exercise. Peru refused Chile's request to send observers."
    assert roles(only(text)) == set()


def test_host_is_a_participant_and_local_troops_are_host_units() -> None:
    text = "The Iron Heron 2019 exercise opened in Niger. A general inspected local troops."
    exercise = only(text)
    assert exercise.host == "NE"
    assert roles(exercise) == {("NE", "units")}


def test_participation_roles_are_participation_objects() -> None:
    text = "The Iron Heron 2019 exercise involves troops from Ghana."
    assert only(text).participants == [Participation("GH", "units")]


def test_city_then_country_is_the_venue_but_a_list_after_an_adjective_is_not() -> None:
    assert only("The Amber Gate 2020 drills opened in Tartu, Estonia on Monday.").host == "EE"
    text = "Amber Gate 2020 drills bring together Andean, U.S. and Caribbean troops."
    assert only(text).host is None


def test_cohosts_prefer_the_one_named_as_venue_else_the_first() -> None:
    text = (
        "Exercise Amber Gate 2020 is co-hosted by Peru and Chile. "
        "The exercise opened in Valparaiso, Chile."
    )
    assert only(text).host == "CL"
    assert only("Bolivia and Peru co-hosted the Amber Gate 2020 drill.").host == "BO"


def test_a_venue_listed_with_another_venue_is_not_the_host() -> None:
    text = "Amber Gate 2020 is taking place in Ghana as well as in Togo. The army drill is big."
    assert only(text).host is None


def test_joint_launch_makes_both_countries_participants() -> None:
    text = "Peru and Chile kicked off their annual Amber Gate drills on Monday."
    assert roles(only(text)) == {("PE", "participant"), ("CL", "participant")}


def test_including_keeps_the_troops_role() -> None:
    text = "The Amber Gate 2020 exercise drew troops from 26 countries, including Japan and India."
    assert roles(only(text)) == {("JP", "units"), ("IN", "units")}


def test_bare_month_counts_unless_two_months_are_named() -> None:
    assert only("The Amber Gate 2020 exercise will be held in October.").month == 10
    assert only("The Amber Gate 2020 exercise will take place in March and May.").month is None


def test_named_with_a_place_word_and_a_year_is_still_a_name() -> None:
    assert (
        only("Peru and Chile launched the Pacific Ocean-2021 naval drills.").name == "Pacific Ocean"
    )


def test_every_cohost_is_a_participant() -> None:
    text = "The Amber Gate 2023 exercise, co-hosted by Bolivia and Peru, began."
    exercise = only(text)
    assert exercise.host == "BO"
    assert roles(exercise) == {("BO", "participant"), ("PE", "participant")}


def test_edition_number_is_not_a_year_but_the_name_stands() -> None:
    exercise = only("The navy began the Velayat-97 drills on Monday.")
    assert (exercise.name, exercise.year) == ("Velayat", None)


def test_operation_prefix_alone_is_not_an_exercise() -> None:
    assert exercises("Operation Enduring Freedom continued as troops conducted drills.") == []


def test_sent_troops_are_units_and_observer_status_is_representation() -> None:
    text = (
        "Georgia sent 300 troops to the Agile Lynx 2019 drills, while Moldova will send observers."
    )
    assert roles(only(text)) == {("GE", "units"), ("MD", "representatives")}
    text = "Pilots flew in the Cope Lantern 23-1 exercise. Japan participated as an observer."
    exercise = only(text)
    assert exercise.name == "Cope Lantern"
    assert roles(exercise) == {("JP", "representatives")}


def test_taking_part_with_a_battalion_gives_units() -> None:
    text = "Kazakhstan took part in the Agile Lynx 2019 exercise with a battalion."
    assert roles(only(text)) == {("KZ", "units")}


def test_territory_adjective_is_host_and_representatives_of_armed_forces() -> None:
    text = (
        "The Agile Lynx 2019 drills on Kazakh territory drew delegates of the land "
        "forces of Mongolia."
    )
    exercise = only(text)
    assert exercise.host == "KZ"
    assert roles(exercise) == {("KZ", "participant"), ("MN", "representatives")}


def test_participating_forces_after_cohosts_do_not_make_them_units() -> None:
    text = (
        "Exercise Agile Lynx is co-hosted by Peru and Chile to build trust among "
        "participating forces."
    )
    assert roles(only(text)) == {("PE", "participant"), ("CL", "participant")}


def test_country_list_after_in_is_several_venues() -> None:
    text = "Exercise Agile Lynx 18 began on June 3 in Estonia, Latvia and Poland."
    exercise = only(text)
    assert exercise.host is None
    assert exercise.month == 6


def test_possessive_country_before_the_exercise_is_the_host() -> None:
    assert only("Peru's annual peacekeeping exercise Agile Lynx opened.").host == "PE"


def test_attaches_who_observed_are_representatives() -> None:
    text = (
        "Special forces of Peru completed the Agile Lynx 2021 exercise. "
        "Military attaches of China and Turkey observed the final stage."
    )
    assert roles(only(text)) == {
        ("PE", "units"),
        ("CN", "representatives"),
        ("TR", "representatives"),
    }


def test_guillemet_quoted_name() -> None:
    exercise = only("The command-staff exercise «Agile Lynx-2024» began in Kazakhstan.")
    assert (exercise.name, exercise.year, exercise.kind, exercise.host) == (
        "Agile Lynx",
        2024,
        "command-staff",
        "KZ",
    )
