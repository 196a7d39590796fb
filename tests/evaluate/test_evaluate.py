"""The evaluation's own arithmetic: locating gold text, coverage scoring, brat parsing."""

from app.evaluate.entities import score_titles
from app.evaluate.locate import TextIndex
from app.evaluate.polnear import parse_brat
from app.evaluate.scores import Report
from app.evaluate.statements import GoldStatement, score_statements
from app.extract.types import ActorMention, ArticleExtraction, CleanArticle, StatementMention

BODY = 'The minister said: "We will  stay.\n\nWe will not leave." Then he left.'


def statement(text: str, speaker: str | None = "Ann Lee") -> StatementMention:
    start = BODY.index(text)
    return StatementMention(
        text=text, kind="direct", start=start, end=start + len(text), speaker=speaker
    )


def gold(text: str, speaker: str = "Ann Lee", required: bool = True) -> GoldStatement:
    g = GoldStatement(text, speaker, [], "direct", "said", required)
    g.span = TextIndex(BODY).locate(text)
    return g


def test_locate_ignores_case_white_space_and_quote_marks() -> None:
    span = TextIndex(BODY).locate("we will stay. we will NOT leave")
    assert span is not None
    assert BODY[span[0] : span[1]] == "We will  stay.\n\nWe will not leave"


def test_locate_picks_the_occurrence_nearest_the_hint() -> None:
    index = TextIndex("yes. no. yes.")
    assert index.locate("yes", near=10) == (9, 12)
    assert index.locate("yes", near=0) == (0, 3)


def test_partial_statement_counts_at_low_threshold_only() -> None:
    report = Report("t")
    score_statements(
        report, "a", [statement("We will  stay.")], [gold("We will stay. We will not leave.")]
    )
    assert report.statements[0.3].found_gold == 1
    assert report.statements[0.8].found_gold == 0
    assert report.statements[0.3].precision == 1.0
    assert report.speaker_accuracy == 1.0


def test_wrong_speaker_and_extra_statement_are_counted_as_misses() -> None:
    report = Report("t")
    score_statements(
        report,
        "a",
        [statement("We will  stay.\n\nWe will not leave.", "Bob"), statement("Then he left.")],
        [gold("We will stay. We will not leave.")],
    )
    assert report.speakers_judged == 1 and report.speakers_right == 0
    assert report.statements[0.8].precision == 0.5
    assert report.miss_kinds["wrong speaker"] == 1
    assert report.miss_kinds["extra direct statement"] == 1


def test_optional_gold_is_neither_required_nor_a_false_positive() -> None:
    report = Report("t")
    score_statements(
        report, "a", [statement("Then he left.")], [gold("Then he left.", required=False)]
    )
    assert report.statements[0.3].gold == 0
    assert report.statements[0.3].precision == 1.0


def test_parse_brat_links_source_cue_and_content() -> None:
    ann = (
        "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 20\tthe thing\n"
        "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    # The event's first argument is its trigger, not a role.
    assert parse_brat(ann) == [{"Content": [(9, 20)], "Cue": [(4, 8)], "Source": [(0, 3)]}]


def test_parse_brat_keeps_the_pieces_of_a_content_interrupted_by_its_attribution() -> None:
    # "A," Ann said. "B." : the content is annotated as two pieces around the cue.
    ann = (
        'T1\tSource 5 8\tAnn\nT2\tCue 9 13\tsaid\nT3\tContent 20 24;0 4\t"A," "B."\n'
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    assert parse_brat(ann) == [
        {"Content": [(0, 4), (20, 24)], "Cue": [(9, 13)], "Source": [(5, 8)]}
    ]


def test_title_accuracy_counts_titles_containing_the_gold_one_and_missing_actors_as_wrong() -> None:
    report = Report("t")
    extraction = ArticleExtraction(
        CleanArticle("T", "body"),
        actors=[
            ActorMention("Ann Lee", "person", title="Deputy Defence Minister"),
            ActorMention("Bob Roe", "person", title="spokesman", aliases=["Robert Roe"]),
        ],
    )
    entry = {
        "actors": {
            "required": [
                {"name": "Ann Lee", "kind": "person", "title_contains": "defence minister"},
                {"name": "Robert Roe", "kind": "person", "title_contains": "commander"},
                {"name": "Cy Doe", "kind": "person", "title_contains": "general"},
                {"name": "Dee Fox", "kind": "person"},
            ]
        }
    }
    score_titles(report, "a", entry, extraction)
    assert (report.titles_right, report.titles_judged) == (1, 3)
    assert report.miss_kinds["wrong title"] == 2
