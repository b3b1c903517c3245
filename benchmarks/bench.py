"""Benchmark drugref against generated corpora, as ratios to a framework-import baseline.

    python benchmarks/bench.py                      # N = 1, 1000, 10000; 7 runs each
    python benchmarks/bench.py --sizes 1,1000 --runs 5

Each figure is the median wall time of several runs of a fresh `drugref` process, divided by
the median of `python -c "import typer, rich.console"` runs interleaved with them (one baseline
run before each measured run, so that changes in the machine's load touch both alike). Output
goes to /dev/null, as in a script or pipe (plain text, no Rich); the "terminal" row writes to a
pseudo-terminal instead, where Rich draws. Peak RSS is the child's own maximum resident set
(os.wait4). Results are printed and written as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "monographs" / "milnacipran.md"
SYLLABLES = ["ba", "cor", "da", "fen", "gli", "ho", "ix", "ka", "lo", "mab", "nor", "ox", "pra", "qui", "ro", "sa",
             "tu", "vel", "wex", "zan", "tri", "cep", "dol", "fil", "mep", "rin", "tal", "zor", "vu", "pex"]
SUFFIXES = ["pril", "sartan", "olol", "azole", "mycin", "statin", "pine", "tidine", "vir", "mab", "zepam", "oxetine",
            "cillin", "profen", "triptan", "afil", "gliptin", "dronate", "semide", "caine"]
CLASSES = ["SSRIs", "SNRIs", "NSAIDs", "anticoagulants", "opioids", "triptans", "benzodiazepines", "ACE inhibitors",
           "HMG-CoA reductase inhibitors", "proton pump inhibitors", "calcium channel blockers"]


def generated_names(count: int, rng: random.Random) -> list[str]:
    """Unique, pronounceable drug-like names, none closer than 3 edits to 'milnacipran'."""
    from rapidfuzz.distance import Levenshtein

    names: set[str] = set()
    while len(names) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + rng.choice(SUFFIXES)
        if Levenshtein.distance(name, "milnacipran") >= 4:
            names.add(name)
    return sorted(names)


def make_corpus(folder: Path, count: int, seed: int = 7) -> list[str]:
    """The seed plus count-1 monographs derived from its structure (varied names, sizes, sections)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / "milnacipran.md")
    shutil.copy(SEED.parent / "classes.yaml", folder / "classes.yaml")  # the class vocabulary, as bundled
    text = SEED.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    sections = body.split("\n## ")
    head, rest = sections[0], sections[1:]
    names = generated_names(count - 1, rng) if count > 1 else []
    for name in names:
        title = name.capitalize()
        brand = name[::-1].capitalize()  # unique, since names are
        kept = [s for s in rest if rng.random() < 0.8 or s.startswith("**Dosage") or s.startswith("**Drug Inter")]
        extra = rng.choice(rest)
        chosen = kept + ([extra] * rng.randint(0, 2))
        new_body = (head + "\n## " + "\n## ".join(chosen)).replace("Milnacipran", title).replace("milnacipran", name)
        new_body = new_body.replace("Savella", brand)
        drug_class = rng.choice(CLASSES)
        fm = (f"---\ntitle: {title}\ndescription: {title} is a generated benchmark monograph.\nis_banned: false\n"
              f"lastModified: '2026-01-{rng.randint(10, 28)}T00:00:00.000Z'\nbrand_names: [{brand}]\n"
              f"classes: [{drug_class}]\n---\n")
        (folder / f"{name}.md").write_text(fm + new_body, encoding="utf-8")
    return names


def drugref_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("drugref")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drugref"]


def run_once(argv: list[str], env: dict, terminal: bool = False) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB, exit status) of one fresh process; its output goes to /dev/null,
    or with `terminal`, to a pseudo-terminal of 100 x 40 (as a person at a terminal sees it)."""
    if terminal:
        return _run_on_terminal(argv, env)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def _run_on_terminal(argv: list[str], env: dict) -> tuple[float, int, int]:
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:  # EIO: the terminal's other end closed
            pass

    reader = threading.Thread(target=drain)
    reader.start()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    reader.join()
    os.close(master)
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


BASELINE = [sys.executable, "-c", "import typer, rich.console"]


def median_of(argv: list[str], env: dict, runs: int, before=None, terminal: bool = False) -> dict:
    """Median of `runs` fresh processes, each run right after a baseline run, so that drift in the
    machine's load touches both alike; the ratio is median(command) / median(its baselines)."""
    times, base_times, rss, codes = [], [], [], set()
    for _ in range(runs):
        base_times.append(run_once(BASELINE, env)[0])
        if before:
            before()
        seconds, kib, code = run_once(argv, env, terminal)
        times.append(seconds)
        rss.append(kib)
        codes.add(code)
    median = statistics.median(times)
    return {"median_s": median, "min_s": min(times), "max_rss_mib": max(rss) / 1024,
            "baseline_median_s": statistics.median(base_times), "ratio": median / statistics.median(base_times),
            "exit_codes": sorted(codes), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--cold-runs", type=int, default=3, help="runs of the cold index build")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "bench.json"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    # measure the installed state: byte-compiled modules, as pip leaves them
    import drugref

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(drugref.__file__).parent)], check=False,
                   stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="drugref-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRUGREF_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    base = median_of(BASELINE, env, args.runs)
    results = {"baseline": base, "python": sys.version.split()[0], "cpus": os.cpu_count(), "sizes": {}}
    print(f"baseline `import typer, rich.console`: {base['median_s'] * 1000:.1f} ms (median of {args.runs})")
    cmd = drugref_cmd()
    for size in sizes:
        corpus = work / f"corpus-{size}"
        names = make_corpus(corpus, size)
        cache = work / f"cache-{size}"
        run_env = dict(env, DRUGREF_CACHE_DIR=str(cache))
        common = cmd + ["--no-bundled", "--monographs", str(corpus)]
        # ten distinct names: the seed, generated monographs, vocabulary drugs and one unknown name
        padding = ["sertraline", "ibuprofen", "lithium", "linezolid", "aspirin", "fluoxetine"]
        ten = (["milnacipran"] + names[:6] + ["tramadol", "warfarin", "zzqxvr"] + padding)[:7] + \
            ["tramadol", "warfarin", "zzqxvr"]

        def cold():
            shutil.rmtree(cache, ignore_errors=True)

        victim = corpus / (names[len(names) // 2] + ".md" if names else "milnacipran.md")

        def touch_one():  # an edit to the text (below the front matter)
            text = victim.read_text(encoding="utf-8")
            victim.write_text(text + "\n", encoding="utf-8")

        edits = iter(range(1, 10**6))

        def touch_front_matter():  # an edit to the front matter, which must be parsed again
            text = victim.read_text(encoding="utf-8")
            head, rest = text.split("\n---\n", 1)
            lines = [line for line in head.split("\n") if not line.startswith("aliases:")]
            victim.write_text("\n".join(lines) + f"\naliases: [Benchalias{next(edits)}]\n---\n" + rest, encoding="utf-8")

        measures = {"cold index build": median_of(common + ["list", "--json"], run_env, args.cold_runs, before=cold)}
        os.sync()  # let the index just written reach the disk, so warm calls are not timed against the flush
        time.sleep(2)
        measures |= {
            "warm show exact": median_of(common + ["show", "milnacipran", "--no-pager"], run_env, args.runs),
            "warm show exact, terminal": median_of(common + ["show", "milnacipran", "--no-pager"], run_env, args.runs,
                                                   terminal=True),
            "warm show fuzzy": median_of(common + ["show", "milnaciprin", "--no-pager"], run_env, args.runs),
            "interactions 10 drugs": median_of(common + ["interactions", *ten], run_env, args.runs),
            "search": median_of(common + ["search", "serotonin syndrome"], run_env, args.runs),
            "list --json": median_of(common + ["list", "--json"], run_env, args.runs),
            "edit one file, then show": median_of(common + ["show", "milnacipran", "--no-pager"], run_env, args.runs,
                                                  before=touch_one),
            "edit front matter, then show": median_of(common + ["show", "milnacipran", "--no-pager"], run_env,
                                                      args.runs, before=touch_front_matter),
        }
        warm = measures["warm show exact"]
        for label in ("edit one file, then show", "edit front matter, then show"):  # targets are against a warm call
            measures[label]["vs_warm_show"] = measures[label]["median_s"] / warm["median_s"]
        results["sizes"][str(size)] = measures
        print(f"\nN = {size:,}")
        print(f"  {'measure':28} {'median':>10} {'ratio':>7} {'peak RSS':>10}  exit")
        for label, row in measures.items():
            note = f"  ({row['vs_warm_show']:.2f}x the warm show)" if "vs_warm_show" in row else ""
            print(f"  {label:28} {row['median_s'] * 1000:8.1f}ms {row['ratio']:6.2f}x {row['max_rss_mib']:8.1f}MB  "
                  f"{','.join(map(str, row['exit_codes']))}{note}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"\nwrote {out}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
