"""bench_ingest.py's phases, each run in a subprocess of its own: Dossier's ingestion, a plain
full spaCy pass, and the selective parse alone. Each loads its model outside the timed section
and answers its seconds, model load seconds and set-up CPU with its own figures."""

from __future__ import annotations

import contextlib
import inspect
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

# Names an ingest_paths option for spaCy processes may have (today: `processes`).
PROCESS_OPTIONS = ("processes", "n_process", "n_processes", "workers")

Loaded = TypeVar("Loaded")


def read_texts(jsonl: Path) -> tuple[list[str], int]:
    """Cleaned bodies as ingestion parses them, and the number of records read."""
    from app.ingest.clean import clean_article
    from app.ingest.raw import RawArticle
    from app.ingest.readers import read_file

    texts = []
    records = 0
    for item in read_file(jsonl):
        if isinstance(item, RawArticle):
            records += 1
            with contextlib.suppress(Exception):
                texts.append(clean_article(item.title, item.body).body)
    return texts, records


def timed(load: Callable[[], Loaded], work: Callable[[Loaded], dict[str, Any]]) -> dict[str, Any]:
    """`load` (the model), then `work` on what it loaded, timed: the seconds of the work, of the
    load, the CPU seconds used before the work (set-up, left out of the phase's CPU), then the
    work's own figures."""
    t0 = time.perf_counter()
    loaded = load()
    load_s = time.perf_counter() - t0
    setup_cpu = time.process_time()
    start = time.perf_counter()
    figures = work(loaded)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "load_s": load_s, "setup_cpu_s": setup_cpu, **figures}


def phase_ingest(
    jsonl: Path, processes: int, database_url: str, engine: str = "local"
) -> dict[str, Any]:
    """Ingestion of `jsonl`: in this process, in `processes` worker processes, or (`engine`
    "ray") in `processes` Ray actors on a local Ray started before the clock, as a cluster
    would be up before an ingest."""
    from app.extract.nlp import get_nlp
    from app.ingest.service import ingest_paths

    logging.getLogger("alembic").setLevel(logging.WARNING)
    kwargs: dict[str, Any] = {}
    supported = inspect.signature(ingest_paths).parameters
    option = next((name for name in PROCESS_OPTIONS if name in supported), None)
    if option:
        kwargs[option] = processes
    if engine != "local":
        kwargs["engine_name"] = engine

    def ingest(_loaded: object) -> dict[str, Any]:
        summary = ingest_paths([jsonl], database_url=database_url, progress=False, **kwargs)
        return {
            "processes_option": option,
            "engine": engine,
            "new": summary.new,
            "failed": summary.failed,
            "statements": summary.statements,
            "actors": summary.actors,
        }

    # In one process the model is loaded before the clock starts; worker processes and actors
    # load their own copy inside the timed section (ingest does not need one in this process).
    return timed(lambda: _load_for_ingest(engine, processes, get_nlp), ingest)


def _load_for_ingest(engine: str, processes: int, get_nlp: Callable[[], object]) -> object:
    if engine == "ray":
        import ray

        from app.ingest.ray_workers import connect

        connect(ray, processes)
        return None
    return get_nlp() if processes <= 1 else None


def phase_pipe(
    jsonl: Path, processes: int, batch_size: int | None, shipped: bool = True
) -> dict[str, Any]:
    """A plain full pass: the model as spaCy ships it, or (`shipped` False) as Dossier loads it.
    Worker processes of `nlp.pipe` get the parent's pipeline, with its layers' ops."""
    import spacy

    from app.core.config import get_settings
    from app.extract.nlp import get_nlp

    texts, _records = read_texts(jsonl)

    def plain_pass(nlp: Any) -> dict[str, Any]:
        tokens = 0
        kwargs: dict[str, Any] = {"n_process": processes}
        if batch_size:
            kwargs["batch_size"] = batch_size
        for doc in nlp.pipe(texts, **kwargs):
            tokens += len(doc)
        return {
            "tokens": tokens,
            "components": nlp.pipe_names,
            "batch_size": batch_size or nlp.batch_size,
            "blis": [getattr(model.ops, "use_blis", None) for _name, pipe in nlp.pipeline
                     if (model := getattr(pipe, "model", None)) is not None],
        }  # fmt: skip

    return timed(lambda: spacy.load(get_settings().spacy_model) if shipped else get_nlp(),
                 plain_pass)  # fmt: skip


def phase_parse(jsonl: Path, processes: int) -> dict[str, Any]:
    """The selective parse alone, as ingestion runs it: in this process, or in chunks of
    `BATCH_SIZE` texts over `processes` worker processes that each load the model once."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from app.extract.nlp import get_nlp
    from app.ingest.service import BATCH_SIZE

    texts, _records = read_texts(jsonl)

    def parse(_nlp: object) -> dict[str, Any]:
        chunks = [texts[i : i + BATCH_SIZE] for i in range(0, len(texts), BATCH_SIZE)]
        if processes <= 1:
            return {"tokens": sum(map(parse_tokens, chunks))}
        with ProcessPoolExecutor(processes, get_context("spawn"), initializer=get_nlp) as pool:
            return {"tokens": sum(pool.map(parse_tokens, chunks))}

    return timed(lambda: get_nlp() if processes <= 1 else None, parse)


def parse_tokens(texts: list[str]) -> int:
    """Tokens of `texts` parsed selectively (a worker's task in the parse phase)."""
    from app.extract.nlp import parse_many
    from app.extract.pipeline import speech_marks

    return sum(len(doc) for doc in parse_many(texts, speech_marks=speech_marks))
