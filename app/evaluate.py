"""Scores the extractor against labelled data: Dossier's gold JSON files and PolNeAR's brat files.

Statements are scored the way the Gender Gap Tracker scores itself: a gold statement is found when
one extracted statement covers more than `t` of its characters (t = 0.3 and 0.8); symmetrically, an
extracted statement is correct when more than `t` of its characters lie inside one gold statement
(required or optional). Gold texts carry no offsets, so each is located in the cleaned body,
ignoring case, white space and quote marks. Speakers are compared by resolved name (or alias).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.text import fold
from app.extract.pipeline import extract_many
from app.extract.types import ArticleExtraction, ExerciseMention, StatementMention
from app.ingest.clean import clean_article
from app.ingest.raw import RawArticle, ReadFailure
from app.ingest.readers import read_file

THRESHOLDS = (0.3, 0.8)
_QUOTE_CHARS = set("\"'“”„‟«»‘’‚‛`")


# --- Locating gold text in a body ----------------------------------------------------------


class TextIndex:
    """A body folded for matching (case, white space and quote marks ignored), mapped back."""

    def __init__(self, body: str) -> None:
        chars: list[str] = []
        positions: list[int] = []
        for i, ch in enumerate(body):
            if ch in _QUOTE_CHARS:
                continue
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch.casefold() if len(ch.casefold()) == 1 else ch)
            positions.append(i)
        self.folded = "".join(chars)
        self.positions = positions

    @staticmethod
    def fold_needle(text: str) -> str:
        kept = "".join(" " if c.isspace() else c for c in text if c not in _QUOTE_CHARS)
        folded = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in kept)
        return re.sub(r" +", " ", folded).strip(" .,;:-–—")

    def locate(self, text: str, near: int | None = None) -> tuple[int, int] | None:
        """Body offsets of `text`, the occurrence nearest `near` when it occurs more than once."""
        needle = self.fold_needle(text)
        if not needle:
            return None
        hits = [m.start() for m in re.finditer(re.escape(needle), self.folded)]
        if not hits:
            return None
        if near is not None:
            hits.sort(key=lambda h: abs(self.positions[h] - near))
        first = hits[0]
        last = first + len(needle) - 1
        return self.positions[first], self.positions[last] + 1


# --- Scores -----------------------------------------------------------------------------------


@dataclass
class PRF:
    """Precision over predictions, recall over gold items; counted separately (coverage scores)."""

    correct_predictions: int = 0
    predictions: int = 0
    found_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct_predictions / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.correct_predictions += other.correct_predictions
        self.predictions += other.predictions
        self.found_gold += other.found_gold
        self.gold += other.gold

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predictions": self.predictions,
            "gold": self.gold,
        }


def set_prf(predicted: Iterable[object], gold: Iterable[object]) -> PRF:
    pred, ref = set(predicted), set(gold)
    hit = len(pred & ref)
    return PRF(hit, len(pred), hit, len(ref))


@dataclass
class GoldStatement:
    text: str
    speaker: str
    aliases: list[str]
    kind: str
    cue: str
    required: bool
    span: tuple[int, int] | None = None  # located in the cleaned body


@dataclass
class Report:
    name: str
    articles: int = 0
    statements: dict[float, PRF] = field(default_factory=lambda: {t: PRF() for t in THRESHOLDS})
    by_kind: dict[str, PRF] = field(default_factory=dict)  # at the lower threshold
    speakers_right: int = 0
    speakers_judged: int = 0
    countries: PRF = field(default_factory=PRF)
    actors: PRF = field(default_factory=PRF)
    exercise_names: PRF = field(default_factory=PRF)
    participants: PRF = field(default_factory=PRF)
    unlocated_gold: int = 0
    misses: list[str] = field(default_factory=list)
    miss_kinds: Counter[str] = field(default_factory=Counter)

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_judged if self.speakers_judged else 1.0

    def miss(self, kind: str, article: str, detail: str) -> None:
        self.miss_kinds[kind] += 1
        self.misses.append(f"[{kind}] {article}: {detail}")

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "articles": self.articles}
        for t, prf in self.statements.items():
            out[f"statements@{t}"] = prf.as_dict()
        out["statements_by_kind@0.3"] = {k: v.as_dict() for k, v in sorted(self.by_kind.items())}
        out["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        out["speakers_judged"] = self.speakers_judged
        for name in ("countries", "actors", "exercise_names", "participants"):
            scores: PRF = getattr(self, name)
            if scores.gold or scores.predictions:
                out[name] = scores.as_dict()
        out["unlocated_gold_statements"] = self.unlocated_gold
        out["top_misses"] = self.miss_kinds.most_common(10)
        return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _name_key(name: str) -> str:
    """Names compared as the gold compares text: folded, quote marks stripped."""
    return " ".join("".join(c for c in fold(name) if c not in _QUOTE_CHARS).split())


def _speaker_matches(predicted: str | None, gold: GoldStatement) -> bool:
    if not predicted:
        return False
    return _name_key(predicted) in {_name_key(n) for n in [gold.speaker, *gold.aliases]}


def score_statements(
    report: Report,
    label: str,
    predicted: Sequence[StatementMention],
    gold: Sequence[GoldStatement],
    *,
    judge_speakers: bool = True,
) -> None:
    """Add one article's statement scores to `report` (gold spans must be located already)."""
    located = [g for g in gold if g.span is not None]
    for g in gold:
        if g.span is None and g.required:
            report.unlocated_gold += 1
            report.miss("gold text not found in body", label, g.text[:100])
    spans = [(p.start, p.end) for p in predicted]
    for t in THRESHOLDS:
        prf = report.statements[t]
        for g in located:
            if not g.required:
                continue
            assert g.span is not None
            length = g.span[1] - g.span[0]
            prf.gold += 1
            if any(_overlap(g.span, s) > t * length for s in spans):
                prf.found_gold += 1
        for s in spans:
            prf.predictions += 1
            length = max(1, s[1] - s[0])
            if any(_overlap(g.span, s) > t * length for g in located if g.span):
                prf.correct_predictions += 1
    low = min(THRESHOLDS)
    for g in located:
        if not g.required:
            continue
        span = g.span
        assert span is not None
        kind = report.by_kind.setdefault(g.kind, PRF())
        kind.gold += 1
        length = span[1] - span[0]
        best = max(predicted, key=lambda p: _overlap(span, (p.start, p.end)), default=None)
        if best is None or _overlap(span, (best.start, best.end)) <= low * length:
            cue = " ".join(g.cue.lower().split()) or "?"
            report.miss(
                f"missed {g.kind} statement, cue {cue!r}", label, f"{g.speaker!r}: {g.text[:120]!r}"
            )
            continue
        if _overlap(span, (best.start, best.end)) <= max(THRESHOLDS) * length:
            report.miss(f"partial span of a {g.kind} statement", label, g.text[:120])
        kind.found_gold += 1
        if not judge_speakers:
            continue
        report.speakers_judged += 1
        if _speaker_matches(best.speaker, g):
            report.speakers_right += 1
        else:
            report.miss(
                "wrong speaker",
                label,
                f"gold {g.speaker!r}, got {best.speaker!r}: {g.text[:80]!r}",
            )
    for p in predicted:
        kind = report.by_kind.setdefault(p.kind, PRF())
        kind.predictions += 1
        length = max(1, p.end - p.start)
        if any(_overlap(g.span, (p.start, p.end)) > low * length for g in located if g.span):
            kind.correct_predictions += 1
        else:
            report.miss(f"extra {p.kind} statement", label, f"{p.speaker!r}: {p.text[:120]!r}")


# --- Dossier gold files (seeds.json, defence-dev.json) ------------------------------------------


def read_article(path: Path) -> RawArticle:
    """An article file read exactly as `dossier ingest` reads it."""
    item = next(read_file(path))
    if isinstance(item, ReadFailure):
        raise ValueError(f"{item.origin}: {item.reason}")
    return item


def _gold_statements(entry: dict) -> list[GoldStatement]:  # type: ignore[type-arg]
    out = []
    for required, key in ((True, "required"), (False, "optional")):
        for s in entry["statements"].get(key, []):
            out.append(
                GoldStatement(
                    text=s["text"],
                    speaker=s.get("speaker", ""),
                    aliases=list(s.get("speaker_aliases", [])),
                    kind=s.get("kind", "direct"),
                    cue=s.get("cue", ""),
                    required=required and bool(s.get("speaker", "x")),
                )
            )
    return out


def _actor_names(actor_list: Iterable[dict]) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(fold(a["name"]), a["kind"]) for a in actor_list}


def evaluate_gold_file(gold_path: Path, texts_dir: Path, *, n_process: int = 1) -> Report:
    """Score the extractor on a gold file in the format of `seeds.json`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    report = Report(name=gold_path.name)
    entries = gold["articles"]
    cleaned = []
    for entry in entries:
        raw = read_article(texts_dir / entry["file"])
        cleaned.append(clean_article(raw.title, raw.body))
    for entry, extraction in zip(entries, extract_many(cleaned, n_process=n_process), strict=True):
        report.articles += 1
        _score_gold_article(report, entry, extraction)
    return report


def _score_gold_article(report: Report, entry: dict, extraction: ArticleExtraction) -> None:  # type: ignore[type-arg]
    label = entry["file"]
    body = extraction.article.body
    index = TextIndex(body)
    gold = _gold_statements(entry)
    for g in gold:
        g.span = index.locate(g.text)
    score_statements(report, label, extraction.statements, gold)

    countries = entry.get("countries", {})
    got = set(extraction.countries)
    want = set(countries.get("required", []))
    report.countries.add(set_prf(got, want))
    for code in sorted(want - got):
        report.miss("missed country", label, code)
    for code in sorted(got - want):
        report.miss("extra country", label, code)

    actors = entry.get("actors", {})
    required = _actor_names(actors.get("required", []))
    allowed = required | _actor_names(actors.get("optional", []))
    predicted: set[tuple[str, str]] = set()
    for a in extraction.actors:
        forms = {(fold(n), a.kind) for n in [a.name, *a.aliases]}
        predicted |= forms & allowed or {(fold(a.name), a.kind)}
    prf = PRF(
        correct_predictions=len(predicted & allowed),
        predictions=len(predicted),
        found_gold=len(predicted & required),
        gold=len(required),
    )
    report.actors.add(prf)
    for name, kind in sorted(required - predicted):
        report.miss("missed actor", label, f"{name} ({kind})")

    # An exercise is known by its name or any alias, on either side ("BALTOPS", "Baltic
    # Operations"); it is scored under the gold's name.
    gold_ex = entry.get("exercises", {}).get("required", [])
    canonical: dict[str, str] = {}
    for e in gold_ex:
        for form in [e["name"], *e.get("aliases", [])]:
            canonical[fold(form)] = fold(e["name"])

    def scored_name(mention: ExerciseMention) -> str:
        for form in [mention.name, *mention.aliases]:
            if fold(form) in canonical:
                return canonical[fold(form)]
        return fold(mention.name)

    want_ex = {fold(e["name"]) for e in gold_ex}
    got_ex = {scored_name(e) for e in extraction.exercises}
    report.exercise_names.add(set_prf(got_ex, want_ex))
    for name in sorted(want_ex - got_ex):
        report.miss("missed exercise", label, name)
    for name in sorted(got_ex - want_ex):
        report.miss("extra exercise", label, name)
    want_p = {
        (fold(e["name"]), c, role)
        for e in gold_ex
        for role, codes in e.get("participants", {}).items()
        for c in codes
    }
    got_p = {
        (scored_name(e), p.country, p.role) for e in extraction.exercises for p in e.participants
    }
    report.participants.add(set_prf(got_p, want_p))
    for item in sorted(want_p ^ got_p):
        report.miss(
            "missed participant" if item in want_p else "extra participant", label, str(item)
        )


# --- PolNeAR (brat standoff) ----------------------------------------------------------------


def parse_brat(text: str) -> list[dict[str, tuple[int, int]]]:
    """Attribution events of a brat .ann file as {role: (start, end)}, roles Source/Cue/Content."""
    spans: dict[str, tuple[int, int]] = {}
    events = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, *offsets = parts[1].replace(";", " ").split()
            numbers = [int(x) for x in offsets if x.isdigit()]
            if numbers:
                spans[parts[0]] = (min(numbers), max(numbers))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for args in events:
        event: dict[str, tuple[int, int]] = {}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if ref in spans and role not in event:
                event[role] = spans[ref]
        out.append(event)
    return out


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
        gold = []
        for event in parse_brat(ann.read_text(encoding="utf-8")):
            if "Content" not in event or "Cue" not in event:
                continue
            cue = raw[event["Cue"][0] : event["Cue"][1]]
            if not is_speech_cue(cue, lemmas):
                continue
            start, end = event["Content"]
            if start < title_end:
                continue  # headlines are not statements (GUIDELINES.md) and not in the body
            edges = raw[max(0, start - 1) : start + 1] + raw[max(0, end - 1) : end + 1]
            kind = "direct" if any(c in _QUOTE_CHARS for c in edges) else "indirect"
            g = GoldStatement(raw[start:end], "", [], kind, cue, required=True)
            g.span = index.locate(g.text, near=start - max(shift, 0))
            gold.append(g)
        score_statements(report, path.name, extraction.statements, gold, judge_speakers=False)
    return report


def write_misses(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(report.misses) + "\n", encoding="utf-8")


# --- Speech cues and the printed report -------------------------------------------------------


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


def render(report: Report) -> str:
    """A plain-text table of the report's figures."""
    lines = [f"== {report.name}: {report.articles} articles"]
    lines.append(f"{'':28}{'precision':>10}{'recall':>10}{'f1':>10}{'predicted':>11}{'gold':>8}")

    def row(label: str, prf: PRF) -> None:
        lines.append(
            f"{label:28}{prf.precision:10.3f}{prf.recall:10.3f}{prf.f1:10.3f}"
            f"{prf.predictions:11d}{prf.gold:8d}"
        )

    for t, prf in report.statements.items():
        row(f"statements (coverage > {t})", prf)
    for kind, prf in sorted(report.by_kind.items()):
        row(f"  {kind} (> 0.3)", prf)
    for label in ("countries", "actors", "exercise_names", "participants"):
        prf = getattr(report, label)
        if prf.gold or prf.predictions:
            row(label.replace("_", " "), prf)
    if report.speakers_judged:
        lines.append(
            f"speaker accuracy: {report.speaker_accuracy:.3f} "
            f"({report.speakers_right}/{report.speakers_judged} found statements)"
        )
    if report.unlocated_gold:
        lines.append(f"gold statements not located in the body: {report.unlocated_gold}")
    lines.append("most common misses:")
    lines += [f"  {n:5d}  {kind}" for kind, n in report.miss_kinds.most_common(10)]
    return "\n".join(lines)
