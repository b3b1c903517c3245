"""The heavy reliability checks of issue 15, with figures: processes started together on a cold
cache, and the index's size against the corpus's.

    python benchmarks/reliability.py                       # 20 processes on 2,000 files, 2 on 20,000
    python benchmarks/reliability.py --runs 2000:20,20000:2

For each run, a fresh corpus (benchmarks/bench.py's generator) and an empty cache; the processes
are started at once, half asking `list --json` (every drug must be listed) and half `titrate
milnacipran` (the seed's maximum must be read); each must exit 0 with the right answer and
nothing on stderr. Then the index file's size is compared with the corpus's, both as bytes and
as blocks on disk (`du`); and the same for the bundled monographs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, drugref_cmd, make_corpus


def on_disk(paths: list[Path]) -> int:
    return sum(p.stat().st_blocks * 512 for p in paths)


def size_row(label: str, corpus: Path, index: Path) -> str:
    files = [p for p in corpus.iterdir() if p.is_file()]
    corpus_bytes, corpus_disk = sum(p.stat().st_size for p in files), on_disk(files)
    index_bytes, index_disk = index.stat().st_size, on_disk([index])
    return (f"  {label:22} corpus {corpus_bytes / 1e6:8.1f} MB ({corpus_disk / 1e6:8.1f} MB on disk)   index "
            f"{index_bytes / 1e6:8.1f} MB ({index_disk / 1e6:8.1f} MB on disk)   ratio {index_bytes / corpus_bytes:4.2f}x "
            f"bytes, {index_disk / corpus_disk:4.2f}x on disk")


def together(size: int, procs: int, work: Path) -> dict[str, object]:
    corpus, cache = work / f"corpus-{size}", work / f"cache-{size}"
    if not corpus.exists():
        make_corpus(corpus, size)
    shutil.rmtree(cache, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRUGREF_")}
    env["DRUGREF_CACHE_DIR"] = str(cache)
    base = drugref_cmd() + ["--no-bundled", "--monographs", str(corpus)]
    commands = [base + (["list", "--json"] if i % 2 == 0 else ["titrate", "milnacipran"]) for i in range(procs)]
    start = time.perf_counter()
    running = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for c in commands]
    failures, times = [], []
    for i, proc in enumerate(running):
        out, err = proc.communicate(timeout=1800)
        times.append(time.perf_counter() - start)
        if i % 2 == 0:
            right = proc.returncode == 0 and len(json.loads(out or "{}").get("drugs", [])) == size
        else:
            right = proc.returncode == 0 and "Maximum: 200 mg/day" in out
        if not right or err:
            failures.append(f"process {i}: exit {proc.returncode}, stderr {err.strip()[:300]!r}")
    leftovers = sorted(p.name for p in cache.iterdir() if p.name not in ("index.sqlite3", "index.sqlite3.lock"))
    print(f"\n{procs} processes started together on a cold cache of {size:,} files:")
    print(f"  right answers: {procs - len(failures)} of {procs}; first done after {min(times):.1f} s, "
          f"last after {max(times):.1f} s; files left in the cache besides the index: {leftovers or 'none'}")
    for failure in failures:
        print("  FAILED", failure)
    print(size_row(f"{size:,} generated", corpus, cache / "index.sqlite3"))
    return {"size": size, "processes": procs, "right": procs - len(failures), "failures": failures,
            "last_done_s": max(times), "leftovers": leftovers}


def bundled(work: Path) -> None:
    cache = work / "cache-bundled"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRUGREF_")}
    env["DRUGREF_CACHE_DIR"] = str(cache)
    subprocess.run(drugref_cmd() + ["list"], env=env, stdout=subprocess.DEVNULL, check=True)
    print(size_row("bundled monographs", REPO / "monographs", cache / "index.sqlite3"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", default="2000:20,20000:2", help="SIZE:PROCESSES pairs, comma-separated")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="drugref-reliability-"))
    try:
        results = [together(int(size), int(procs), work)
                   for size, procs in (pair.split(":") for pair in args.runs.split(","))]
        print("\nindex size:")
        bundled(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if any(r["failures"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
