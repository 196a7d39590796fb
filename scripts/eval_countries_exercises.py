"""Scratch evaluation of find_countries and extract_exercises against the shared gold files.

Usage: .venv/bin/python scripts/eval_countries_exercises.py [-v] [gold.json ...]
Prints micro precision/recall/F1 for countries (per article, as sets of ISO codes), exercise
names, and exercise participants (per country+role pair). Exits cleanly without /work/shared.
"""

import json
import sys
import time
from collections.abc import Hashable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.extract.countries import find_countries  # noqa: E402
from app.extract.exercises import extract_exercises  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD_TEXT_DIRS = {
    "seeds.json": SHARED / "seeds",
    "defence-dev.json": SHARED / "corpora" / "defence-dev",
}
ROLES = ("units", "representatives", "participant")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: AbstractSet[Hashable], expected: AbstractSet[Hashable]) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)

    def line(self, label: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{label:<24} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={self.tp} fp={self.fp} fn={self.fn})"
        )


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def evaluate(gold_path: Path, text_dir: Path, verbose: bool) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    countries, names, participants = Counts(), Counts(), Counts()
    fields = {"kind": Counts(), "frequency": Counts(), "host": Counts(), "year": Counts()}
    fields["month"] = Counts()
    forbidden_names: list[str] = []
    for article in gold["articles"]:
        text = (text_dir / article["file"]).read_text(encoding="utf-8")
        hits = find_countries(text)
        predicted = {hit.code for hit in hits}
        expected = set(article["countries"]["required"])
        countries.add(predicted, expected)
        if verbose and predicted != expected:
            print(
                f"  {article['file']} countries +{sorted(predicted - expected)}"
                f" -{sorted(expected - predicted)}"
            )
        found = extract_exercises(text, hits)
        by_name = {_norm(exercise.name): exercise for exercise in found}
        gold_names: set[str] = set()
        for gold_exercise in article["exercises"]["required"]:
            keys = [_norm(gold_exercise["name"])]
            keys += [_norm(alias) for alias in gold_exercise.get("aliases", [])]
            gold_names.update(keys)
            match = next((by_name[key] for key in keys if key in by_name), None)
            names.add({keys[0]} if match else set(), {keys[0]})
            expected_pairs = {
                (code, role)
                for role in ROLES
                for code in gold_exercise.get("participants", {}).get(role, [])
            }
            predicted_pairs = {(p.country, p.role) for p in match.participants} if match else set()
            participants.add(predicted_pairs, expected_pairs)
            for key, counts in fields.items():
                want = gold_exercise.get(key)
                got = getattr(match, key) if match else None
                if want is not None or got is not None:
                    counts.add({got} - {None}, {want} - {None})
            if verbose and (not match or predicted_pairs != expected_pairs):
                print(
                    f"  {article['file']} {gold_exercise['name']}: found={bool(match)}"
                    f" +{sorted(predicted_pairs - expected_pairs)}"
                    f" -{sorted(expected_pairs - predicted_pairs)}"
                )
            if verbose and match:
                got_fields = {k: getattr(match, k) for k in fields}
                want_fields = {k: gold_exercise.get(k) for k in fields}
                if got_fields != want_fields:
                    print(f"  {article['file']} fields got={got_fields} want={want_fields}")
        extra = {key for key in by_name if key not in gold_names}
        names.fp += len(extra)
        if verbose and extra:
            print(f"  {article['file']} extra exercises {sorted(extra)}")
        bad = {_norm(n) for n in article["exercises"]["forbidden_names"]} & set(by_name)
        forbidden_names += [f"{article['file']}:{name}" for name in sorted(bad)]
    print(f"== {gold_path.name} ({len(gold['articles'])} articles)")
    print(countries.line("countries"))
    print(names.line("exercise names"))
    print(participants.line("participants"))
    for key, counts in fields.items():
        print(counts.line(f"  exercise {key}"))
    print(f"forbidden exercise names found: {forbidden_names or 'none'}")


def measure_speed(limit_chars: int = 5_000_000) -> None:
    corpus = SHARED / "corpora" / "reuters21578.jsonl"
    if not corpus.exists():
        return
    bodies: list[str] = []
    total = 0
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            body = json.loads(line).get("body") or ""
            bodies.append(body)
            total += len(body)
            if total >= limit_chars:
                break
    find_countries("warm up")
    started = time.perf_counter()
    found = sum(len(find_countries(body)) for body in bodies)
    elapsed = time.perf_counter() - started
    print(
        f"== speed: {total:,} chars in {len(bodies):,} Reuters bodies, {elapsed:.2f}s,"
        f" {total / elapsed:,.0f} chars/s, {found:,} country hits"
    )


def main(argv: list[str]) -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found; nothing to evaluate.")
        return 0
    verbose = "-v" in argv
    names = [arg for arg in argv if not arg.startswith("-")] or list(GOLD_TEXT_DIRS)
    for name in names:
        gold_path = SHARED / "gold" / name
        if gold_path.exists():
            evaluate(gold_path, GOLD_TEXT_DIRS[name], verbose)
    if "--speed" in argv or not argv:
        measure_speed()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
