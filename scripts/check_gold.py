"""Score statement extraction against a gold file (seeds.json / defence-dev.json format).

    .venv/bin/python scripts/check_gold.py ../shared/seeds ../shared/gold/seeds.json [-v]

A gold statement is found when one extracted statement covers more than `coverage` of its
characters (after normalisation). Prints misses, extras and wrong speakers with -v.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

from app.extract.pipeline import extract_many
from app.extract.types import ArticleExtraction
from app.ingest.clean import clean_article

_QUOTES = "\"'“”„‟«»‘’‚‛`"
_EDGE = _QUOTES + " .,;:-–—!?"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(f"[{re.escape(_QUOTES)}]", "", text)
    return re.sub(r"\s+", " ", text).strip(_EDGE)


def overlap(gold: str, got: str) -> float:
    """Share of the gold text's characters that the extracted text covers."""
    if not gold:
        return 0.0
    if gold in got:
        return 1.0
    if got in gold:
        return len(got) / len(gold)
    best = 0
    # longest common substring, cheap enough for news paragraphs
    prev = [0] * (len(got) + 1)
    for a in gold:
        cur = [0] * (len(got) + 1)
        for j, b in enumerate(got, 1):
            if a == b:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best / len(gold)


def check_actors(gold: list[dict], results: list[ArticleExtraction], verbose: bool) -> None:
    """Required actors: found by name, with title, organisation, country and aliases."""
    total = found = right = 0
    for g_art, res in zip(gold, results, strict=True):
        by_name = {norm(a.name): a for a in res.actors}
        for g in g_art["actors"]["required"]:
            total += 1
            actor = by_name.get(norm(g["name"]))
            if actor is None:
                if verbose:
                    print(f"  ACTOR MISS {g_art['file']}: {g['name']} ({g.get('title_contains')})")
                continue
            found += 1
            problems = []
            if (
                "title_contains" in g
                and g["title_contains"].lower() not in (actor.title or "").lower()
            ):
                problems.append(f"title {actor.title!r} !~ {g['title_contains']!r}")
            if "organization" in g and g["organization"] != actor.organization:
                problems.append(f"org {actor.organization!r} != {g['organization']!r}")
            if "country" in g and g["country"] != actor.country:
                problems.append(f"country {actor.country!r} != {g['country']!r}")
            for alias in g.get("aliases_include", []):
                if alias not in actor.aliases:
                    problems.append(f"alias {alias!r} missing")
            right += not problems
            if problems and verbose:
                print(f"  ACTOR {g_art['file']}: {g['name']}: {'; '.join(problems)}")
        names = {norm(a.name) for a in res.actors}
        for bad in g_art["actors"].get("forbidden_names", []):
            if norm(bad) in names and verbose:
                print(f"  ACTOR FORBIDDEN {g_art['file']}: {bad}")
    print(f"actors: found {found}/{total}, fully right {right}/{total}")


def read(path: Path) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if line.strip())
    return lines[k].strip(), "\n".join(lines[k + 1 :])


def score(folder: Path, gold_file: Path, verbose: bool) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    files = [folder / g["file"] for g in gold["articles"]]
    articles = [clean_article(*read(f)) for f in files]
    results: list[ArticleExtraction] = list(extract_many(articles))
    for cov in (0.3, 0.8):
        tp = fn = fp = spk_ok = spk_all = 0
        for g_art, res in zip(gold["articles"], results, strict=True):
            got = [(norm(s.text), s) for s in res.statements]
            used: set[int] = set()
            for g in g_art["statements"]["required"]:
                gt = norm(g["text"])
                match = max(range(len(got)), key=lambda i: overlap(gt, got[i][0]), default=None)
                if match is not None and overlap(gt, got[match][0]) > cov:
                    tp += 1
                    used.add(match)
                    s = got[match][1]
                    names = {norm(g["speaker"]), *(norm(a) for a in g.get("speaker_aliases", []))}
                    spk_all += 1
                    ok = norm(s.speaker or "") in names
                    spk_ok += ok
                    if verbose and cov == 0.3 and not ok:
                        print(
                            f"  SPEAKER {g_art['file']}: {s.speaker!r} != {g['speaker']!r}"
                            f" | {gt[:60]}"
                        )
                    if verbose and cov == 0.3 and gt != got[match][0]:
                        print(f"  INEXACT {g_art['file']}: {got[match][0][:70]!r}")
                else:
                    fn += 1
                    if verbose and cov == 0.3:
                        print(f"  MISS {g_art['file']} [{g['kind']}] {g['speaker']}: {gt[:90]}")
            optional = [norm(g["text"]) for g in g_art["statements"]["optional"]]
            for i, (text, s) in enumerate(got):
                if i in used:
                    continue
                if any(overlap(o, text) > cov or overlap(text, o) > cov for o in optional):
                    continue
                req = [norm(g["text"]) for g in g_art["statements"]["required"]]
                if any(overlap(text, r) > cov for r in req):
                    continue  # a second piece of a found statement
                fp += 1
                if verbose and cov == 0.3:
                    print(f"  EXTRA {g_art['file']} [{s.kind} {s.cue}] {s.speaker}: {text[:90]}")
        if cov == 0.3:
            check_actors(gold["articles"], results, verbose)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = spk_ok / spk_all if spk_all else 0.0
        print(
            f"coverage>{cov}: P={p:.3f} R={r:.3f} F1={f:.3f} tp={tp} fp={fp} fn={fn} "
            f"speaker={acc:.3f} ({spk_ok}/{spk_all})"
        )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    score(Path(args[0]), Path(args[1]), "-v" in sys.argv)
