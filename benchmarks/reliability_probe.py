"""Reliability probe (issue 9): attack and careless-user cases by class, printed as held/failed counts.

Run: `python benchmarks/reliability_probe.py [--quick] [--only CLASS ...]`. Takes minutes (the
concurrency and kill -9 classes start many `python -m ingest` processes); --quick runs 3 concurrent
trials and 5 kill moments instead of 10 and 20.

Case groups are functions `group(probe: Probe) -> None` listed in CASE_GROUPS; each calls
`probe.case(CLASS, NAME, check)` per case, where `check()` returns None when the case held and a
short reason when it failed (an exception also counts as failed). Other modules add groups: when
benchmarks/probe_qa_cases.py exists, its CASE_GROUPS list is run too.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

TINY = """**Permanent Technical Committee**

999<sup>th</sup> Session
 10 - 11 January 2030
 {code}

**SUMMARY REPORT**

## ITEM I - ZEBRA CROSSINGS AT BORDER POSTS

1. The Secretariat presented a study on zebra crossings at land border posts ({code}, version {version}).

2. Several Members described how the zebra crossings reduced accidents at their busiest border posts.

3. **In conclusion, the PTC:**

- endorsed the study on zebra crossings at border posts.
"""


@dataclass
class Probe:
    """Shared state for case groups: a work folder, the model (loaded once), counts per class."""

    workdir: Path
    quick: bool = False
    results: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    _embedder: Any = None

    def case(self, cls: str, name: str, check: Callable[[], str | None]) -> None:
        """Run one case; None from `check` means it held, a string or an exception means it failed."""
        try:
            problem = check()
        except BaseException as exc:  # noqa: BLE001 (a probe records every way a case can fail)
            if isinstance(exc, KeyboardInterrupt):
                raise
            problem = f"{type(exc).__name__}: {exc}"[:300]
        self.results.setdefault(cls, []).append((name, problem))
        mark = "held" if problem is None else f"FAILED: {problem}"
        print(f"  [{cls}] {name}: {mark}", flush=True)

    def embedder(self) -> Any:
        """The default model, loaded once for in-process cases."""
        if self._embedder is None:
            from index import load_embedder
            from settings import load_settings

            self._embedder = load_embedder(load_settings().model)
        return self._embedder

    def folder(self, name: str) -> Path:
        """A fresh empty folder under the work folder."""
        path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.workdir))
        return path

    def tiny_report(self, folder: Path, code: str, version: int = 1) -> Path:
        """A three-paragraph report whose id is `code`, written to `folder`."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{code}.md"
        path.write_text(TINY.format(code=code, version=version), encoding="utf-8")
        return path

    def base_index(self) -> Path:
        """A small index of one tiny report (built once), to copy for cases that alter it."""
        base = self.workdir / "base-index"
        if not base.exists():
            from index import update_index

            update_index([self.tiny_report(self.workdir / "base-reports", "PC0900E")], base,
                         embedder=self.embedder(), progress=False)
        return base

    def index_copy(self) -> Path:
        """A private copy of the base index."""
        target = self.folder("copy") / "index"
        shutil.copytree(self.base_index(), target)
        return target


def run_main(main: Callable[[list[str]], int], argv: list[str]) -> tuple[int, str, str]:
    """Call a CLI's main in-process: (exit status, stdout, stderr); exceptions other than SystemExit propagate."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
    return status, out.getvalue(), err.getvalue()


def one_line_refusal(status: int, err: str, must_name: str = "", usage_ok: bool = False) -> str | None:
    """None when a CLI refused with a non-zero status and one error line (argparse usage line allowed)."""
    lines = [line for line in err.strip().splitlines() if not (usage_ok and line.startswith("usage:"))]
    if status == 0:
        return "exit status 0"
    if "Traceback" in err:
        return "traceback"
    if len(lines) != 1:
        return f"{len(lines)} error lines"
    if must_name and must_name not in lines[0]:
        return f"error does not name {must_name}"
    return None


def report_ids(index_dir: Path) -> list[str]:
    """The report ids an index folder's manifest lists."""
    return sorted(json.loads((index_dir / "manifest.json").read_text())["reports"])


def cli_env() -> dict[str, str]:
    """Environment for child `python -m ...` processes."""
    return {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


# --- uploads ------------------------------------------------------------------------------------

def uploads(probe: Probe) -> None:
    """Kept copies: one per report id, atomic, removed with the report, a rebuild keeps every upload."""
    from dataclasses import replace

    from index import Index, update_index
    from settings import Settings
    from ui.upload import UploadError, add_upload, remove_report, report_files_in

    def fresh() -> Settings:
        index_dir = probe.index_copy()
        return replace(Settings(), index_dir=index_dir, uploads_dir=index_dir.parent / "uploads")

    def upload(settings: Settings, code: str, version: int = 1, name: str | None = None) -> None:
        path = probe.tiny_report(probe.folder("src"), code, version)
        add_upload(name or path.name, path.read_bytes(), settings, probe.embedder())

    def rebuilt(settings: Settings) -> list[str]:
        target = probe.folder("rebuilt") / "index"
        update_index(report_files_in(settings.uploads_path), target, embedder=probe.embedder(), progress=False)
        return report_ids(target)

    def kept(settings: Settings) -> dict[str, list[str]]:
        root = settings.uploads_path
        return {d.name: sorted(f.name for f in d.iterdir()) for d in sorted(root.iterdir()) if d.is_dir()}

    def a_then_b() -> str | None:
        settings = fresh()
        upload(settings, "PC0901E")
        upload(settings, "PC0902E")
        ids = rebuilt(settings)
        return None if ids == ["PC0901E", "PC0902E"] else f"rebuild from uploads holds {ids}"

    def one_copy_per_id() -> str | None:
        settings = fresh()
        for code, version, name in (("PC0901E", 1, None), ("PC0902E", 1, None), ("PC0901E", 2, "fixed.md")):
            upload(settings, code, version, name)
        found = kept(settings)
        return None if found == {"PC0901E": ["fixed.md"], "PC0902E": ["PC0902E.md"]} else f"kept {found}"

    def removal_drops_copy() -> str | None:
        settings = fresh()
        upload(settings, "PC0901E")
        upload(settings, "PC0902E")
        remove_report("PC0901E", settings, probe.embedder())
        ids, found = rebuilt(settings), list(kept(settings))
        indexed = sorted(r.id for r in Index.load(settings.index_dir, embedder=probe.embedder()).reports)
        ok = ids == ["PC0902E"] and found == ["PC0902E"] and indexed == ["PC0900E", "PC0902E"]
        return None if ok else f"rebuild {ids}, kept {found}, index {indexed}"

    def path_in_name() -> str | None:
        settings = fresh()
        path = probe.tiny_report(probe.folder("src"), "PC0904E")
        add_upload("../../evil/PC0904E.md", path.read_bytes(), settings, probe.embedder())
        outside = [p for p in settings.uploads_path.parent.rglob("*.md") if settings.uploads_path not in p.parents]
        return None if not outside else f"file outside the uploads folder: {outside[0]}"

    def refused_keeps_nothing() -> str | None:
        settings = fresh()
        try:
            add_upload("broken.pdf", b"%PDF-1.4 not really a PDF", settings, probe.embedder())
        except UploadError as err:
            if "\n" in str(err):
                return "two-line error"
        else:
            return "a broken PDF was added"
        leftovers = list(settings.uploads_path.rglob("*")) if settings.uploads_path.exists() else []
        return None if not [p for p in leftovers if p.name != ".gitignore"] else f"left {leftovers}"

    for name, check in (("upload A then B, rebuild has both", a_then_b), ("one copy per report id", one_copy_per_id),
                        ("removal drops the kept copy", removal_drops_copy), ("../ in the name stays inside", path_in_name),
                        ("refused upload keeps nothing", refused_keeps_nothing)):
        probe.case("uploads", name, check)


# --- concurrent writers -------------------------------------------------------------------------

def concurrent_ingests(probe: Probe) -> None:
    """`python -m ingest a b --index I &` beside `python -m ingest c --index I`, 0-2 s stagger: nothing lost."""
    trials = 3 if probe.quick else 10
    rng = random.Random(9)
    for trial in range(trials):
        stagger = rng.uniform(0.0, 2.0)

        def check(stagger: float = stagger) -> str | None:
            work = probe.folder("concurrent")
            a, b, c = (probe.tiny_report(work / "reports", code) for code in ("PC0901E", "PC0902E", "PC0903E"))
            index_dir = work / "I"
            command = [sys.executable, "-m", "ingest"]
            first = subprocess.Popen([*command, str(a), str(b), "--index", str(index_dir)], cwd=PROJECT_ROOT,
                                     env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(stagger)
            second = subprocess.run([*command, str(c), "--index", str(index_dir)], cwd=PROJECT_ROOT, env=cli_env(),
                                    capture_output=True, text=True, timeout=900)
            first.communicate(timeout=900)
            if (first.returncode, second.returncode) != (0, 0):
                return f"exit statuses {first.returncode}, {second.returncode}: {second.stderr.strip()[-200:]}"
            ids = report_ids(index_dir)
            left = list(work.glob(".I.tmp-*"))
            if ids != ["PC0901E", "PC0902E", "PC0903E"] or left:
                return f"index holds {ids}; temp folders left: {len(left)}"
            return None

        probe.case("concurrent ingest", f"trial {trial + 1} (stagger {stagger:.2f} s)", check)


# --- kill -9 during a rebuild -------------------------------------------------------------------

def kill_9(probe: Probe) -> None:
    """SIGKILL a writer at evenly spread moments: the index is always the old or the new one, never lost."""
    from index import Index, update_index

    moments = 5 if probe.quick else 20
    source = probe.folder("kill-src")
    new_report = probe.tiny_report(source, "PC0905E")
    command = [sys.executable, "-m", "ingest", str(new_report), "--index"]
    timing = probe.index_copy()
    started = time.monotonic()
    subprocess.run([*command, str(timing)], cwd=PROJECT_ROOT, env=cli_env(), capture_output=True, timeout=900, check=True)
    duration = time.monotonic() - started
    print(f"  (one update takes {duration:.1f} s; killing at {moments} moments across it)", flush=True)
    for moment in range(1, moments + 1):
        delay = duration * moment / (moments + 1)

        def check(delay: float = delay) -> str | None:
            index_dir = probe.index_copy()
            writer = subprocess.Popen([*command, str(index_dir)], cwd=PROJECT_ROOT, env=cli_env(),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            ids = sorted(r.id for r in Index.load(index_dir, embedder=probe.embedder()).reports)
            if ids not in (["PC0900E"], ["PC0900E", "PC0905E"]):
                return f"index holds {ids}"
            update_index([new_report], index_dir, embedder=probe.embedder(), progress=False)
            after = sorted(r.id for r in Index.load(index_dir, embedder=probe.embedder()).reports)
            left = list(index_dir.parent.glob(f".{index_dir.name}.tmp-*"))
            if after != ["PC0900E", "PC0905E"] or left:
                return f"next writer: index {after}, {len(left)} temp folders left"
            return None

        probe.case("kill -9", f"at {delay:.1f} s of {duration:.1f} s", check)


# --- corrupt manifests --------------------------------------------------------------------------

BAD_MANIFESTS = {
    "[1,2,3]": lambda m: [1, 2, 3],
    "null": lambda m: None,
    '"files": []': lambda m: {**m, "files": []},
    '"model": null': lambda m: {**m, "model": None},
    '"dim": "384"': lambda m: {**m, "dim": "384"},
    '"counts" missing': lambda m: {k: v for k, v in m.items() if k != "counts"},
    '"reports": []': lambda m: {**m, "reports": []},
}


def corrupt_manifests(probe: Probe) -> None:
    """Valid JSON of the wrong shape: one line naming manifest.json and the rebuild command, in every surface."""
    from index.__main__ import main as index_main
    from ingest.__main__ import main as ingest_main
    from qa.__main__ import main as qa_main

    report = probe.tiny_report(probe.folder("manifest-src"), "PC0906E")
    for label, edit in BAD_MANIFESTS.items():
        index_dir = probe.index_copy()
        path = index_dir / "manifest.json"
        path.write_text(json.dumps(edit(json.loads(path.read_text()))))
        surfaces = {
            "index search": (index_main, ["search", "zebra", "--index", str(index_dir)]),
            "ingest": (ingest_main, [str(report), "--index", str(index_dir)]),
            "ingest --remove": (ingest_main, ["--remove", "PC0900E", "--index", str(index_dir)]),
            "qa": (qa_main, ["What about zebra crossings?", "--index", str(index_dir)]),
        }
        for surface, (main, argv) in surfaces.items():
            def check(main: Callable = main, argv: list[str] = argv) -> str | None:
                status, _, err = run_main(main, argv)
                return one_line_refusal(status, err, must_name=str(path)) or (
                    None if "python -m ingest" in err else "no rebuild command")

            probe.case("corrupt manifest", f"{label} in {surface}", check)


# --- corrupt arrays and records -----------------------------------------------------------------

def corrupt_arrays(probe: Probe) -> None:
    """Files altered together with the manifest's checksums: refused at load in one line."""
    from test_index_store import CONSISTENT_CORRUPTIONS, _rehash  # the same cases the tests run

    from index import Index, IndexLoadError

    for label, (corrupt, named) in CONSISTENT_CORRUPTIONS.items():
        def check(corrupt: Callable = corrupt, named: str = named) -> str | None:
            index_dir = probe.index_copy()
            corrupt(index_dir)
            _rehash(index_dir)
            try:
                Index.load(index_dir, embedder=probe.embedder())
            except IndexLoadError as err:
                message = str(err)
                return None if "\n" not in message and named in message else f"message: {message[:160]}"
            return "loaded"

        probe.case("corrupt arrays", label, check)


# --- failed writes and leftovers ----------------------------------------------------------------

def temp_folders(probe: Probe) -> None:
    """A failed write removes its temp folder at once; a killed writer's is removed by the next writer."""
    import index.store as store
    from index import update_index

    def failed_write() -> str | None:
        index_dir = probe.index_copy()
        real = store._write_files

        def disk_full(folder: Path, stored: Any) -> None:
            (folder / "paragraphs.jsonl").write_text("half")
            raise OSError(28, "No space left on device")

        store._write_files = disk_full
        try:
            update_index([probe.tiny_report(probe.folder("w"), "PC0907E")], index_dir, embedder=probe.embedder(), progress=False)
        except store.IndexWriteError:
            pass
        finally:
            store._write_files = real
        left = list(index_dir.parent.glob(".index.tmp-*"))
        return None if not left and report_ids(index_dir) == ["PC0900E"] else f"{len(left)} temp folders left"

    def stale_removed() -> str | None:
        index_dir = probe.index_copy()
        (index_dir.parent / ".index.tmp-killed").mkdir()
        update_index([probe.tiny_report(probe.folder("w"), "PC0907E")], index_dir, embedder=probe.embedder(), progress=False)
        left = list(index_dir.parent.glob(".index.tmp-*"))
        return None if not left else f"{len(left)} temp folders left"

    probe.case("temp folders", "failed write cleans up at once", failed_write)
    probe.case("temp folders", "next writer removes a killed writer's folder", stale_removed)


# --- bad --index paths --------------------------------------------------------------------------

def bad_index_paths(probe: Probe) -> None:
    """--index under /proc, through a file, or a file: one line, non-zero exit, in every CLI."""
    from index.__main__ import main as index_main
    from ingest.__main__ import main as ingest_main
    from qa.__main__ import main as qa_main

    work = probe.folder("paths")
    report = probe.tiny_report(work, "PC0908E")
    for label, target in (("/proc/foo", "/proc/foo"), ("file.md/idx", str(report / "idx")), ("file.md", str(report))):
        for surface, main, argv in (
            ("ingest", ingest_main, [str(report), "--index", target]),
            ("ingest --remove", ingest_main, ["--remove", "X", "--index", target]),
            ("index search", index_main, ["search", "zebra", "--index", target]),
            ("qa", qa_main, ["What about zebra crossings?", "--index", target]),
        ):
            def check(main: Callable = main, argv: list[str] = argv, target: str = target) -> str | None:
                status, _, err = run_main(main, argv)
                return one_line_refusal(status, err, must_name=target)

            probe.case("bad --index", f"{label} in {surface}", check)


# --- bad search arguments -----------------------------------------------------------------------

def bad_search_args(probe: Probe) -> None:
    """`index search ""`, `-k 0`, `-k -1` are refused like qa refuses them."""
    from index.__main__ import main as index_main

    index_dir = str(probe.base_index())
    for label, argv in (('""', ["search", ""]), ('"   "', ["search", "   "]), ("-k 0", ["search", "zebra", "-k", "0"]),
                        ("-k -1", ["search", "zebra", "-k", "-1"])):
        def check(argv: list[str] = argv) -> str | None:
            status, out, err = run_main(index_main, [*argv, "--index", index_dir])
            return one_line_refusal(status, err, usage_ok=True) or (None if not out else "printed results")

        probe.case("bad search args", label, check)


CASE_GROUPS: list[Callable[[Probe], None]] = [
    uploads, concurrent_ingests, kill_9, corrupt_manifests, corrupt_arrays, temp_folders, bad_index_paths,
    bad_search_args,
]


def all_groups() -> list[Callable[[Probe], None]]:
    """This module's groups plus those of benchmarks/probe_qa_cases.py when present."""
    groups = list(CASE_GROUPS)
    try:
        import probe_qa_cases  # type: ignore[import-not-found]  (benchmarks/ is on sys.path when run as a script)
    except ModuleNotFoundError as exc:
        if exc.name != "probe_qa_cases":
            raise
    else:
        groups.extend(probe_qa_cases.CASE_GROUPS)
    return groups


def main(argv: list[str] | None = None) -> int:
    """Run the groups, print per-class counts; exit 1 when any case failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 concurrent trials and 5 kill moments")
    parser.add_argument("--only", nargs="*", default=None, help="group function names to run (default: all)")
    args = parser.parse_args(argv)
    groups = [g for g in all_groups() if args.only is None or g.__name__ in args.only]
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ptc-probe-") as tmp:
        probe = Probe(Path(tmp), quick=args.quick)
        for group in groups:
            print(f"{group.__name__}:", flush=True)
            group(probe)
    print(f"\n{'class':<22} held failed")
    total_held = total_failed = 0
    for cls, cases in probe.results.items():
        failed = [name for name, problem in cases if problem is not None]
        total_held += len(cases) - len(failed)
        total_failed += len(failed)
        print(f"{cls:<22} {len(cases) - len(failed):>4} {len(failed):>6}" + (f"   ({'; '.join(failed)})" if failed else ""))
    print(f"{'total':<22} {total_held:>4} {total_failed:>6}   in {time.monotonic() - started:.0f} s, "
          f"load average after: {os.getloadavg()[0]:.2f}")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
