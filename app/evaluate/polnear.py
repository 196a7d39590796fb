"""PolNeAR (brat standoff attributions): statements scored against the attributions whose cue is
speech (a speech verb of our lexicon, "according to", or quote punctuation), headlines left out.
A quote annotated in pieces around its attribution ("A," he said. "B.") is one gold statement
per piece, as GUIDELINES.md counts a split quote, all with the event's source.
Speakers are judged against the annotated source spans (sources.py), per kind of source.
"""

import re
from pathlib import Path

from app.evaluate.gold import read_article
from app.evaluate.locate import QUOTE_CHARS, TextIndex
from app.evaluate.scores import Report
from app.evaluate.sources import GoldSource, speaker_is_right
from app.evaluate.statements import GoldStatement, found_by, score_statements
from app.extract.pipeline import extract_many
from app.extract.types import StatementMention
from app.ingest.clean import clean_article

Fragments = list[tuple[int, int]]


def parse_brat(text: str) -> list[dict[str, Fragments]]:
    """Attribution events of a brat .ann file as {role: [(start, end), ...]}, roles Source, Cue
    and Content; a role annotated in pieces has one (start, end) per piece, in text order."""
    spans: dict[str, Fragments] = {}
    events = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, offsets = parts[1].partition(" ")
            pieces = [piece.split() for piece in offsets.split(";")]
            fragments = [(int(a), int(b)) for a, b in _pairs(pieces)]
            if fragments:
                spans[parts[0]] = sorted(fragments)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for args in events:
        event: dict[str, Fragments] = {}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if ref in spans and role not in event:
                event[role] = spans[ref]
        out.append(event)
    return out


def _pairs(pieces: list[list[str]]) -> list[tuple[str, str]]:
    return [(p[0], p[1]) for p in pieces if len(p) == 2 and p[0].isdigit() and p[1].isdigit()]


def _extent(fragments: Fragments) -> tuple[int, int]:
    return fragments[0][0], fragments[-1][1]


def evaluate_polnear(
    root: Path, split: str, *, n_process: int = 1, limit: int | None = None
) -> Report:
    """Score statements against PolNeAR attributions whose cue is a speech cue (one annotator's
    file per text: the first by name)."""
    report = Report(name=f"polnear-{split}")
    lemmas = speech_cue_lemmas()
    texts = sorted((root / "text" / split).glob("*.txt"))[:limit]
    annotations = sorted((root / "attributions" / split).glob("*.ann"))
    raws, cleaned = [], []
    for path in texts:
        article = read_article(path)
        raws.append(path.read_text(encoding="utf-8"))
        cleaned.append(clean_article(article.title, article.body))
    for path, raw, extraction in zip(
        texts, raws, extract_many(cleaned, n_process=n_process), strict=True
    ):
        ann = next((a for a in annotations if a.name.startswith(path.stem + "_")), None)
        if ann is None:
            continue
        report.articles += 1
        body = extraction.article.body
        index = TextIndex(body)
        shift = raw.find(body[:40]) if body else 0
        title_end = raw.find(extraction.article.title) + len(extraction.article.title)
        gold: list[GoldStatement] = []
        sources: list[GoldSource | None] = []
        for event in parse_brat(ann.read_text(encoding="utf-8")):
            if "Content" not in event or "Cue" not in event:
                continue
            cue_start, cue_end = _extent(event["Cue"])
            cue = raw[cue_start:cue_end]
            if not is_speech_cue(cue, lemmas) or event["Content"][0][0] < title_end:
                continue  # headlines are not statements (GUIDELINES.md) and not in the body
            source = _source(raw, event, index, shift)
            for start, end in _statement_pieces(raw, event["Content"]):
                gold.append(_gold_piece(raw, start, end, cue, index, shift))
                sources.append(source)
        score_statements(report, path.name, extraction.statements, gold, judge_speakers=False)
        judge_sources(report, path.name, extraction.statements, gold, sources)
    return report


def _statement_pieces(raw: str, content: Fragments) -> Fragments:
    """A quote interrupted by its attribution is one statement per quoted piece; a content
    annotated in pieces for another reason (`what, he says, his plan would do`) is one
    statement over its whole extent."""
    if len(content) > 1 and all(_quoted(raw, s, e) for s, e in content):
        return content
    return [_extent(content)]


def _quoted(raw: str, start: int, end: int) -> bool:
    edges = raw[max(0, start - 1) : start + 1] + raw[max(0, end - 1) : end + 1]
    return any(c in QUOTE_CHARS for c in edges)


def _gold_piece(
    raw: str, start: int, end: int, cue: str, index: TextIndex, shift: int
) -> GoldStatement:
    """One piece of an annotated content, direct when quote marks bound it."""
    kind = "direct" if _quoted(raw, start, end) else "indirect"
    g = GoldStatement(raw[start:end], "", [], kind, cue, required=True)
    g.span = index.locate(g.text, near=start - max(shift, 0))
    return g


def _source(
    raw: str, event: dict[str, Fragments], index: TextIndex, shift: int
) -> GoldSource | None:
    if "Source" not in event:
        return None
    start, end = _extent(event["Source"])
    return GoldSource(raw[start:end], index.locate(raw[start:end], near=start - max(shift, 0)))


def judge_sources(
    report: Report,
    label: str,
    predicted: list[StatementMention],
    gold: list[GoldStatement],
    sources: list[GoldSource | None],
) -> None:
    """The speaker of each gold statement found (at the lower coverage), judged against its
    annotated source, counted per kind of source."""
    for g, source in zip(gold, sources, strict=True):
        if source is None or g.span is None:
            continue
        best = found_by(predicted, g.span)
        if best is None:
            continue
        report.sources.judged[source.kind] += 1
        if speaker_is_right(best, source):
            report.sources.right[source.kind] += 1
        else:
            report.miss(
                f"wrong speaker ({source.kind} source)",
                label,
                f"source {source.text!r}, got {best.speaker!r} "
                f"({best.speaker_mention.text if best.speaker_mention else None!r}): "
                f"{g.text[:80]!r}",
            )


def speech_cue_lemmas() -> set[str]:
    """Lemmas (and phrases) of speech cues: the extractor's lexicon plus quote punctuation."""
    from app.extract.lexicon import get_lexicon

    lex = get_lexicon()
    return set(lex.direct_verbs | lex.indirect_verbs | lex.indirect_needs_person) | {"according to"}


def is_speech_cue(cue: str, lemmas: set[str]) -> bool:
    """A PolNeAR cue counts as speech when it is quote punctuation or any word lemmatises to a
    speech verb ("has said", "told reporters", "according to")."""
    from app.extract.nlp import get_nlp

    stripped = cue.strip()
    if stripped and all(not c.isalnum() for c in stripped):
        return True
    if " ".join(re.findall(r"[a-z]+", stripped.lower())) in lemmas:
        return True
    return any(tok.lemma_.lower() in lemmas for tok in get_nlp()(stripped))
