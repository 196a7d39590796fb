"""Extraction on a Ray cluster: a pool of actors, each holding the spaCy pipeline it loaded once
(and loading it afresh by the `model_reload_chars` rule, as a worker process does).

The cluster is the one at `RAY_ADDRESS` (Ray reads it itself), or a local one started here
when that is unset. An actor that is lost mid-batch (its process killed, its machine gone) is
restarted by Ray and the batch is run again on it: nothing is stored until a batch's
extractions are back here, so a retry costs time, never rows. A batch that still fails after
`TASK_RETRIES` retries (an article that kills every worker that takes it) is extracted one
article at a time, as after a local worker's death (`app.ingest.workers.extract_batch`).

Needs the optional `ray` extra (`pip install 'dossier[ray]'`); Dossier runs without it.
"""

import os
from concurrent.futures import Future
from typing import Any

from app.core.config import get_settings
from app.extract.types import ArticleExtraction, CleanArticle
from app.ingest.workers import WorkerPool

# Times Ray runs a batch again on its restarted actor after the actor was lost.
TASK_RETRIES = 2
# The settings an actor extracts by: the driver's values, so a remote actor extracts alike.
_EXTRACTION_SETTINGS = ("spacy_model", "selective_parse", "blas", "model_reload_chars")


class RayUnavailable(RuntimeError):
    """`ray` is not installed, or its cluster could not be reached or start the actors."""


class _Extractor:
    """One Ray actor: the pipeline loaded when it starts, by the driver's extraction settings
    (`settings`: environment variables), then batch after batch. The settings come as
    arguments rather than as a runtime environment, so that the actor can take one of the
    worker processes Ray has started already."""

    def __init__(self, settings: dict[str, str]) -> None:
        from app.extract.nlp import get_nlp

        os.environ.update(settings)
        get_settings.cache_clear()
        get_nlp()

    def ready(self) -> int:
        return os.getpid()

    def extract(self, articles: list[CleanArticle]) -> list[ArticleExtraction]:
        from app.extract.pipeline import extract_chunk

        return extract_chunk(articles)


class RayWorkers(WorkerPool):
    """`actors` extraction actors on the cluster; batches go to them in turn."""

    def __init__(self, actors: int) -> None:
        super().__init__()
        try:
            import ray
        except ImportError as exc:
            raise RayUnavailable("the ray engine needs Ray: pip install 'dossier[ray]'") from exc
        self._ray = ray
        self._started_here = not ray.is_initialized()
        if self._started_here:
            connect(ray, actors)
        remote = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=TASK_RETRIES)(_Extractor)
        settings = _extraction_env()
        self.actors: list[Any] = [remote.remote(settings) for _ in range(actors)]
        self.pool: Any = self  # what the batches' futures run on; never renewed
        self._turn = 0
        try:
            ray.get([actor.ready.remote() for actor in self.actors])
        except Exception as exc:
            self.shutdown()
            raise RayUnavailable(f"the Ray extraction actors did not start: {exc}") from exc

    def submit(self, articles: list[CleanArticle]) -> "Future[list[ArticleExtraction]]":
        actor = self.actors[self._turn % len(self.actors)]
        self._turn += 1
        future: Future[list[ArticleExtraction]] = actor.extract.remote(articles).future()
        return future

    def shutdown(self, wait: bool = True) -> None:
        for actor in self.actors:
            self._ray.kill(actor)
        self.actors = []
        if self._started_here and self._ray.is_initialized():
            self._ray.shutdown()


def connect(ray: Any, actors: int) -> None:
    """The cluster at RAY_ADDRESS, or a local one with a CPU for each actor (2 at least)."""
    try:
        if os.environ.get("RAY_ADDRESS"):
            ray.init(log_to_driver=False)
        else:
            ray.init(num_cpus=max(2, actors), include_dashboard=False, log_to_driver=False)
    except Exception as exc:
        raise RayUnavailable(f"could not start or reach a Ray cluster: {exc}") from exc


def _extraction_env() -> dict[str, str]:
    """The extraction settings in force here, as the environment variables that set them."""
    settings = get_settings()
    fields = type(settings).model_fields
    return {str(fields[name].alias): str(getattr(settings, name)) for name in _EXTRACTION_SETTINGS}
