"""Speakers: pronouns, role nouns, surnames, honorifics and organisations."""

import re

from app.extract.actors.model import Person
from app.extract.pipeline import extract_article
from app.extract.speakers.resolver import _other_given_name
from app.extract.types import ArticleExtraction, CleanArticle
from tests.extract.test_statements import only


def extract(body: str) -> ArticleExtraction:
    return extract_article(CleanArticle(title="T", body=body))


def speakers(body: str) -> list[str | None]:
    return [s.speaker for s in extract(body).statements]


def test_pronoun_resolves_to_nearest_person_before() -> None:
    body = (
        "Foreign Minister Anna Berg met General Paul Stone on Tuesday.\n\n"
        "Stone praised the talks.\n\n"
        '"The talks were open and useful for both of us," he said.'
    )
    assert speakers(body) == ["Paul Stone"]


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    body = (
        "Mr Tom Reed and Mrs Clara Voss met the crews.\n\n"
        '"The crews did an excellent job in the storm," he said.'
    )
    assert speakers(body) == ["Tom Reed"]


def test_role_noun_resolves_to_the_person_given_that_title() -> None:
    body = (
        "Defence Minister Erik Lund met NATO envoy Sam Hart in Oslo.\n\n"
        '"Our divers will map the wrecks before the storms arrive," the minister noted.'
    )
    result = extract(body)
    assert [s.speaker for s in result.statements] == ["Erik Lund"]
    assert result.statements[0].speaker_title == "Defence Minister"


def test_surname_and_honorific_link_to_the_full_name() -> None:
    body = (
        "Home Secretary Jack Miller spoke on Monday.\n\n"
        '"The plans will be published next week for everyone," Mr Miller said.'
    )
    assert speakers(body) == ["Jack Miller"]


def test_organisation_speaks_through_a_statement() -> None:
    body = (
        "The Norwegian Ministry of Defence confirmed the plan.\n\n"
        '"The exercise is purely defensive and targets no one," the ministry said.'
    )
    assert speakers(body) == ["Norwegian Ministry of Defence"]


def test_unnamed_officials_give_no_speaker() -> None:
    body = '"The ships will return home next month as planned," officials said.'
    assert speakers(body) == [None]


def test_inverted_cue_with_rank_before_name() -> None:
    body = '"We are ready for the next phase of training," said Lt. Col. Maria Gomez.'
    assert speakers(body) == ["Maria Gomez"]


def test_short_form_of_an_organisation_speaks_for_it() -> None:
    body = (
        "Ships of the U.S. Navy arrived in port on Monday.\n\n"
        "More than 50 ships and 80 aircraft will take part in the drills, the Navy said."
    )
    result = extract(body)
    assert [s.speaker for s in result.statements] == ["U.S. Navy"]
    navy = next(a for a in result.actors if a.name == "U.S. Navy")
    assert "Navy" in navy.aliases


def test_according_to_a_statement_from_an_organisation() -> None:
    body = (
        "The drills will include air defence and mine clearance, according to a statement "
        "from the Norwegian Armed Forces."
    )
    result = extract(body)
    assert [s.speaker for s in result.statements] == ["Norwegian Armed Forces"]
    assert result.statements[0].cue == "according to"


def test_pronoun_speaker_of_reported_speech_after_the_quote() -> None:
    body = (
        "Latvian Foreign Minister Anna Ozola said on Thursday the drills were no threat.\n\n"
        '"We cannot rule out provocations in the coming weeks," she stated.'
    )
    assert speakers(body) == ["Anna Ozola", "Anna Ozola"]


def test_surname_after_honorific_is_a_person_even_if_it_is_a_role_word() -> None:
    body = '"We will not sign such a deal for our town," Mr. Bishop, 71, said.'
    assert speakers(body) == ["Bishop"]


def test_role_after_the_name_is_not_part_of_the_name() -> None:
    body = (
        "Anna Weller MP, Shadow Secretary for Coastal Defence, said: "
        '"The figures for the new patrol boats do not add up."'
    )
    s = extract(body).statements[0]
    assert (s.speaker, s.speaker_title) == (
        "Anna Weller",
        "Shadow Secretary for Coastal Defence",
    )


def test_relative_pronoun_speaker_is_the_noun_it_refers_to() -> None:
    body = (
        "The sanctions were criticised by Caracas, which described them as a "
        '"relic of a long-gone era of rival blocs".'
    )
    assert speakers(body) == ["Caracas"]


def test_every_speaker_is_one_of_the_actors() -> None:
    body = (
        "The bridge plan will go ahead this month, according to The Harbour Gazette.\n\n"
        "The Monday's Evening Star said the council had found the money.\n\n"
        '"We are delighted with the news for the whole valley," Mr Dunmore said.'
    )
    result = extract(body)
    names = {a.name for a in result.actors}
    assert result.statements
    assert all(s.speaker in names for s in result.statements if s.speaker)


def test_unnamed_ministry_of_a_titled_minister() -> None:
    body = (
        "The Minister of Defense of Norway General Ola Berg met the delegation.\n\n"
        '"The talks covered cyber security and mine clearance in detail," the ministry said.'
    )
    assert speakers(body) == ["Ministry of Defense of Norway"]


def test_plural_pronoun_never_resolves_to_one_person() -> None:
    body = (
        "Foreign Minister Anna Berg met her counterpart Lars Holm in Oslo. "
        "They said the talks had been fruitful."
    )
    s = only(extract(body))
    assert s.text == "the talks had been fruitful"
    assert s.speaker is None


def test_singular_pronoun_skips_plural_groups_for_the_nearest_person() -> None:
    body = (
        "Admiral Sofia Reyes inspected the fleet. Officials from the navy joined her. "
        "She said the ships were ready."
    )
    s = only(extract(body))
    assert s.speaker == "Sofia Reyes"


def test_pronoun_is_the_speaker_not_the_subject_of_what_was_reported() -> None:
    body = (
        "Green leader Maria Solberg said Johan Berg was in a strong position. "
        "She added that the party would back him."
    )
    assert speakers(body) == ["Maria Solberg", "Maria Solberg"]
    body = (
        "Senator Paul Okoye said Peter Lund was wrong about the budget. "
        "He added that the vote would be close."
    )
    assert speakers(body) == ["Paul Okoye", "Paul Okoye"]


def test_colon_lead_ins_chain_a_pronoun_over_quoted_sentences() -> None:
    body = (
        "Former Defence Minister Lord Ashby criticised Tom Reed's plan. "
        'He told the BBC: "The time has come to act. It is about trust. We owe it to them." '
        'He added: "I would send the fleet at once."'
    )
    result = extract(body)
    assert [(s.cue, s.speaker) for s in result.statements] == [
        ("told", "Ashby"),
        ("added", "Ashby"),
    ]
    assert result.statements[1].text == "I would send the fleet at once."


def test_an_unnamed_group_is_no_speaker_even_beside_a_name() -> None:
    body = (
        "Editor Hana Kim ran the survey for the Daily Courier. "
        "Those polled for the Daily Courier said the minister should resign."
    )
    s = only(extract(body))
    assert s.text == "the minister should resign"
    assert s.speaker is None


def test_a_relative_with_another_first_name_is_not_the_named_person() -> None:
    body = (
        "Karim Haddad was released on Monday. "
        "Yusuf Haddad said he had been told he could see his son soon."
    )
    assert speakers(body)[0] == "Yusuf Haddad"


def test_a_finite_clause_after_a_preposition_keeps_its_own_subject() -> None:
    body = (
        "Party chief Elena Moreau has defended the campaign posters amid Green claims "
        "the posters were misleading."
    )
    assert all(s.speaker != "Elena Moreau" for s in extract(body).statements)


def test_surname_match_is_refused_after_another_first_name() -> None:
    person = Person(name="Karim Haddad", aliases={"Mr Haddad"})
    for text, other in [
        ("Yusuf Haddad", True),
        ("Mr Haddad", False),
        ("Karim Haddad", False),
        ("Colonel Haddad", False),
        ("the lawyer Haddad", False),
    ]:
        match = re.search("Haddad", text)
        assert match is not None
        assert _other_given_name(text, match, person) is other, text


def test_the_outlets_own_correspondent_is_no_named_speaker() -> None:
    body = (
        "Union leader Tom Reid met the minister on Monday, BBC correspondent Ann Cole reported. "
        "This would allow months of tough talks to follow, said our correspondent."
    )
    assert speakers(body)[-1] is None
