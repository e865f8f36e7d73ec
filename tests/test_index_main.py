"""The search command line: refusals of bad arguments and unusable indexes, one line each, no traceback."""
from __future__ import annotations

import json
import shutil

import pytest

from index.__main__ import main


@pytest.mark.parametrize("argv, problem", [
    (["search", ""], "the query is empty"),
    (["search", "   \t"], "the query is empty"),
    (["search", "de minimis", "-k", "0"], "-k must be at least 1"),
    (["search", "de minimis", "-k", "-1"], "-k must be at least 1"),
])
def test_bad_arguments_are_refused_like_qa(capsys, tmp_path, argv, problem):
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--index", str(tmp_path / "never-read")])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip().splitlines()[-1] == f"python -m index: error: {problem}" + (
        ': give words to search for, e.g. "de minimis"' if "empty" in problem else "")


@pytest.mark.parametrize("where", ["/proc/foo", "through a file", "missing"])
def test_unusable_index_paths_are_one_line(capsys, tmp_path, where):
    (tmp_path / "file.md").write_text("x")
    target = {"/proc/foo": "/proc/foo", "through a file": str(tmp_path / "file.md" / "idx"),
              "missing": str(tmp_path / "nothing")}[where]
    assert main(["search", "de minimis", "--index", target]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"error: {target}: no index here")


@pytest.mark.parametrize("manifest", ["[1, 2, 3]", '{"format_version": 1, "files": []}', '{"format_version": 1, "model": null}'])
def test_wrong_shaped_manifest_is_one_line(capsys, tmp_path, bundled_index_dir, manifest):
    index_dir = tmp_path / "idx"
    shutil.copytree(bundled_index_dir, index_dir)
    (index_dir / "manifest.json").write_text(manifest)
    assert main(["search", "de minimis", "--index", str(index_dir)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert str(index_dir / "manifest.json") in err and "invalid manifest" in err and "python -m ingest" in err


def test_index_of_an_older_tokenizer_is_one_line_with_the_rebuild_command(capsys, tmp_path, bundled_index_dir):
    index_dir = tmp_path / "idx"
    shutil.copytree(bundled_index_dir, index_dir)
    manifest = json.loads((index_dir / "manifest.json").read_text())
    manifest["tokenizer_version"] = 1
    (index_dir / "manifest.json").write_text(json.dumps(manifest))
    assert main(["search", "de minimis", "--index", str(index_dir)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert f"{index_dir}: keyword tokens made by tokenizer version 1" in err
    assert f"`python -m ingest PATH... --index {index_dir}`" in err


def test_search_still_prints_hits(capsys, bundled_index_dir, monkeypatch, embedder):
    monkeypatch.setattr("index.search.lazy_embedder", lambda model: embedder)
    assert main(["search", "de minimis", "-k", "2", "--index", str(bundled_index_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(" 1. ") and " 2. " in out


def test_search_ranks_with_the_settings_ranking(capsys, bundled_index, bundled_index_dir, monkeypatch, embedder):
    # The ranking's tuned values come from settings (the one config), not from defaults inside Index.
    from dataclasses import replace

    from index import RankingConfig
    from settings import Settings

    monkeypatch.setattr("index.search.lazy_embedder", lambda model: embedder)
    query = "What did the PTC decide on de minimis?"

    def printed_json(ranking: RankingConfig) -> list[tuple[str, str]]:
        monkeypatch.setattr("index.__main__.load_settings", lambda: replace(Settings(), ranking=ranking))
        assert main(["search", query, "-k", "5", "--json", "--index", str(bundled_index_dir)]) == 0
        return [(hit["doc"], hit["paragraph"]) for hit in map(json.loads, capsys.readouterr().out.splitlines())]

    keyword_only = RankingConfig(fusion="keyword")
    expected = [(hit.paragraph.doc, hit.paragraph.number) for hit in bundled_index.search(query, k=5, ranking=keyword_only)]
    default = [(hit.paragraph.doc, hit.paragraph.number) for hit in bundled_index.search(query, k=5)]
    assert expected != default  # the two rankings differ on this query, so the check below can fail
    assert printed_json(keyword_only) == expected
    assert printed_json(RankingConfig()) == default
