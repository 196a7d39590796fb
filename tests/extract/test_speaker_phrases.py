"""Speaker phrases the model reads badly: nicknames, name particles, one name after a rank, title
words tagged as verbs, acronyms in parentheses, a country owning an organisation (invented
sentences, one per kind of phrase)."""

from tests.extract.test_speaker_mentions import mention, statements


def speaker_of(body: str) -> str | None:
    (s,) = statements(body)
    return s.speaker


def test_a_nickname_in_quote_marks_is_neither_a_quotation_nor_part_of_the_name() -> None:
    body = (
        '"The drills went to plan and beyond," said Adm. Daniel "Red" Okonkwo, head of the fleet.'
    )
    assert speaker_of(body) == "Daniel Okonkwo"


def test_a_name_with_a_particle_is_one_name() -> None:
    body = "The talks will resume in June, according to Colonel Hassan al-Qadiri."
    assert speaker_of(body) == "Hassan al-Qadiri"


def test_one_word_after_a_rank_is_a_name() -> None:
    body = '"We train here every winter," said Maj. Ronen, commander of the northern base.'
    assert speaker_of(body) == "Ronen"


def test_a_title_word_the_model_tags_as_a_verb_does_not_end_the_attribution() -> None:
    body = (
        '"Our two navies have never worked so closely together," U.S. Embassy Lima Chargé '
        "d’Affaires Laura Menendez said."
    )
    assert speaker_of(body) == "Laura Menendez"


def test_an_acronym_in_parentheses_is_not_part_of_the_speaker() -> None:
    body = "The exercise will end on May 3, the Ministry of Coastal Affairs (MCA) stated."
    assert speaker_of(body) == "Ministry of Coastal Affairs"
    body = (
        "Chief of Staff of the Northern Defence Forces (NDF), Gen. Arvo Kask, said the "
        "reservists had answered the call."
    )
    assert speaker_of(body) == "Arvo Kask"


def test_a_country_before_an_organisation_only_says_whose_it_is() -> None:
    body = "The drill took place at the Tamsag range, according to Mongolia’s Western Command."
    assert speaker_of(body) == "Mongolia’s Western Command"


def test_a_national_military_speaks_as_an_organisation() -> None:
    (s,) = statements("The Peruvian military said it had sent 900 troops to the drills.")
    assert s.speaker == "Peruvian military"
    assert mention(s) == ("The Peruvian military", "organization")


def test_the_ministry_is_the_ministry_an_earlier_sentence_named_in_its_own_words() -> None:
    body = (
        "The Moldovan defence ministry announced on Tuesday the start of joint drills.\n\n"
        '"The opening ceremony was held at the Bulboaca range on Monday," the ministry said.'
    )
    assert speaker_of(body) == "Moldovan defence ministry"


def test_it_continues_the_organisation_that_spoke_before() -> None:
    body = (
        "The Ministry of Defence of Ghana said the drills would last two weeks.\n\n"
        '"Both armies will train, plan and execute a series of tactical drills together," '
        "it added."
    )
    first, second = statements(body)
    assert first.speaker == second.speaker == "Ministry of Defence of Ghana"
    assert mention(second) == ("it", "organization")
