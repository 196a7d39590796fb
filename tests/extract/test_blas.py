"""The spaCy layers on numpy's BLAS: the same analysis as spaCy's default (blis), one thread."""

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from threadpoolctl import threadpool_info

from app.core.config import get_settings
from app.extract.nlp import get_nlp
from tests.paths import BUNDLED_ARTICLES as ARTICLES


def _layers_on_blis(nlp: spacy.language.Language) -> set[bool]:
    """use_blis of the layers' ops. Not of the parser's and entity recogniser's output layer:
    spaCy builds it on its default CPU ops whatever the current ones, and their compiled loops
    read its weights and call blis themselves."""
    found = set()
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None:
            continue
        upper = model.get_ref("upper") if model.has_ref("upper") else None
        outputs = {id(node) for node in upper.walk()} if upper is not None else set()
        found |= {node.ops.use_blis for node in model.walk() if id(node) not in outputs}
    return found


def _analysis(doc: Doc) -> list[tuple[str, str, str, int, str, str]]:
    return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_ + t.ent_iob_, t.lemma_) for t in doc]


def test_every_layer_of_the_default_pipeline_multiplies_with_numpy() -> None:
    assert get_settings().blas == "numpy"
    assert _layers_on_blis(get_nlp()) == {False}
    # One thread per process: parallel extraction is the number of processes.
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_numpy_and_blis_give_the_same_analysis(path: Path) -> None:
    shipped = spacy.load(get_settings().spacy_model)  # spaCy's own default: blis
    assert _layers_on_blis(shipped) == {True}
    text = path.read_text(encoding="utf-8")
    assert _analysis(get_nlp()(text)) == _analysis(shipped(text))
