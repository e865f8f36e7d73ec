"""eval/evaluation.ipynb runs top to bottom against the session index, shows dev beside holdout and renders its plots."""
from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from settings import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "eval" / "evaluation.ipynb"
LIMIT = 30  # enough for both splits and several types; the full set runs in `python -m eval`


def with_parameters(nb: nbformat.NotebookNode, **values: object) -> nbformat.NotebookNode:
    """The notebook with its parameters cell's assignments replaced (each name must be there)."""
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    lines = cell.source.splitlines()
    for name, value in values.items():
        matches = [i for i, line in enumerate(lines) if line.startswith(f"{name} =")]
        assert matches, f"parameter {name} missing from the notebook"
        lines[matches[0]] = f"{name} = {value!r}"
    cell.source = "\n".join(lines)
    return nb


def test_notebook_runs_and_renders_its_plots(bundled_index_dir):
    nb = with_parameters(nbformat.read(NOTEBOOK, as_version=4), INDEX_DIR=str(bundled_index_dir), LIMIT=LIMIT)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(PROJECT_ROOT)}}).execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5  # dev beside holdout, metric bars per split, recall@k curves, latency histogram
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == "stdout")
    assert f"{LIMIT} questions evaluated" in text
    assert "1000-char splitter" in text and "full pipeline (qa)" in text
    assert "splitter left out" not in text
    assert "dev questions need a look" in text
    assert "dev - holdout" in text and "abstains on unanswerable" in text  # both splits side by side, with the gap
    assert "[holdout, " not in text  # failures list dev questions only: the holdout is never looked into


def test_notebook_defaults_to_the_v2_gold_set_and_the_environment_settings():
    from eval.gold import DEFAULT_GOLD

    assert DEFAULT_GOLD.name == "ptc_241_242_v2.jsonl"
    code = "".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
    assert "GOLD or DEFAULT_GOLD" in code and "settings=load_settings()" in code
