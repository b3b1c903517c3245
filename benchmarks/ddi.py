"""Reference benchmark for the interaction checker: expected severities from public sources.

    python benchmarks/ddi.py               # summary: sensitivity per severity, exact agreement, false alarms
    python benchmarks/ddi.py --verbose     # also list every miss, every severity disagreement
    python benchmarks/ddi.py --json        # machine-readable metrics and per-pair results

Each row of benchmarks/ddi/pairs.csv names two bundled drugs and the minimum severity the public
references support (contraindicated > major > moderate > minor), or `not-major` for a pair the
references list as not interacting / not clinically significant. Every pair is checked on its own,
in this process, with `drugref interactions A B --json` against the bundled monographs only
(DRUGREF_MONOGRAPHS is ignored; --monographs DIR checks another set instead). See benchmarks/ddi/README.md for the sources and the translation
of their gradings.

Figures:
  flagged            the pair got any finding with a severity (interaction, contraindication, duplication, ...)
  sensitivity        flagged at or above the expected minimum severity / pairs expected at that severity
  exact agreement    among flagged positive pairs, the severity equals the expected one
  false alarms       not-major pairs graded major or contraindicated / not-major pairs
A finding graded `unrated` counts as flagged and, as with --fail-on, as major; it never agrees exactly.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PAIRS = HERE / "ddi" / "pairs.csv"
LEVELS = ["contraindicated", "major", "moderate", "minor"]
RANK = {"minor": 1, "moderate": 2, "major": 3, "unrated": 3, "contraindicated": 4}


def rank(severity: str | None) -> int:
    """Order of severities; an unknown grade (or none) ranks below minor."""
    return RANK.get(severity or "", 0)


def load_pairs(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    seen = set()
    for n, row in enumerate(rows, start=2):
        if row["expected"] not in LEVELS + ["not-major"]:
            raise SystemExit(f"{path}:{n}: expected must be one of {LEVELS + ['not-major']}, not {row['expected']!r}")
        pair = frozenset((row["drug_a"], row["drug_b"]))
        if len(pair) != 2 or pair in seen:
            raise SystemExit(f"{path}:{n}: duplicate or self pair {row['drug_a']} + {row['drug_b']}")
        seen.add(pair)
    return rows


def make_checker(monographs: Path | None = None):
    """A function (a, b) -> result dict, running the CLI in this process against the bundled monographs
    (or only those in `monographs`, e.g. an export of another revision)."""
    os.environ.pop("DRUGREF_MONOGRAPHS", None)
    try:
        from drugref.cli import app
    except ImportError:
        sys.path.insert(0, str(REPO / "src"))
        from drugref.cli import app
    from typer.testing import CliRunner

    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        runner = CliRunner()

    prefix = ["--no-bundled", "--monographs", str(monographs)] if monographs else []

    def check(a: str, b: str) -> dict:
        res = runner.invoke(app, prefix + ["interactions", a, b, "--json"])
        text = res.stdout if hasattr(res, "stdout") else res.output
        data = None
        for line in text.splitlines():
            if line.startswith("{"):
                try:
                    data = json.loads(line)
                    break
                except ValueError:
                    pass
        if data is None:
            try:
                data = json.loads(text)
            except ValueError:
                return {"error": f"exit {res.exit_code}: {text.strip()[:200] or res.exception!r}"}
        unresolved = [d.get("query") for d in data.get("drugs", []) if d.get("status") != "monograph"]
        if unresolved:
            return {"error": "not resolved to a bundled monograph: " + ", ".join(map(str, unresolved))}
        pairs = data.get("pairs") or []
        if not pairs:
            return {"severity": None, "kind": None, "status": None}
        pair = max(pairs, key=lambda p: rank(p.get("severity")))
        return {"severity": pair.get("severity"), "kind": pair.get("kind"), "status": pair.get("status"),
                "summary": (pair.get("summary") or "")[:160]}

    return check


def evaluate(rows: list[dict], check) -> dict:
    results = []
    for row in rows:
        got = check(row["drug_a"], row["drug_b"])
        results.append({**row, **{"got": got.get("severity"), "kind": got.get("kind"), "status": got.get("status"),
                                  "error": got.get("error"), "summary": got.get("summary")}})

    per = {}
    for level in LEVELS:
        rs = [r for r in results if r["expected"] == level]
        if not rs:
            continue
        flagged = [r for r in rs if r["got"]]
        at_least = [r for r in rs if r["got"] and rank(r["got"]) >= rank(level)]
        exact = [r for r in rs if r["got"] == level]
        per[level] = {"pairs": len(rs), "flagged": len(flagged), "at_least_expected": len(at_least),
                      "exact": len(exact), "sensitivity": ratio(len(at_least), len(rs)),
                      "flagged_rate": ratio(len(flagged), len(rs)),
                      "graded": dict(Counter(r["got"] or "none" for r in rs))}
    positives = [r for r in results if r["expected"] in LEVELS]
    flagged_pos = [r for r in positives if r["got"]]
    exact_pos = [r for r in flagged_pos if r["got"] == r["expected"]]
    negatives = [r for r in results if r["expected"] == "not-major"]
    alarms = [r for r in negatives if r["got"] and rank(r["got"]) >= rank("major")]
    return {
        "pairs": len(results),
        "positives": len(positives),
        "per_severity": per,
        "overall_sensitivity": ratio(sum(1 for r in positives if r["got"] and rank(r["got"]) >= rank(r["expected"])),
                                     len(positives)),
        "flagged_positives": len(flagged_pos),
        "exact_agreement": ratio(len(exact_pos), len(flagged_pos)),
        "under_graded": sum(1 for r in flagged_pos if rank(r["got"]) < rank(r["expected"])),
        "over_graded": sum(1 for r in flagged_pos if rank(r["got"]) > rank(r["expected"]) and r["got"] != "unrated"),
        "negatives": len(negatives),
        "negatives_flagged": sum(1 for r in negatives if r["got"]),
        "false_alarms": len(alarms),
        "false_alarm_rate": ratio(len(alarms), len(negatives)),
        "negatives_graded": dict(Counter(r["got"] or "none" for r in negatives)),
        "errors": sum(1 for r in results if r["error"]),
        "results": results,
    }


def ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f} %"


def report(m: dict, verbose: bool, elapsed: float) -> None:
    out = sys.stdout.write
    out(f"drugref interaction benchmark: {m['pairs']} pairs ({m['positives']} positive, {m['negatives']} not-major), "
        f"{elapsed:.1f} s\n\n")
    out(f"{'expected':<16}{'pairs':>6}{'flagged':>9}{'':>9}{'>= expected':>13}{'(sensitivity)':>15}{'exact':>7}\n")
    for level, p in m["per_severity"].items():
        out(f"{level:<16}{p['pairs']:>6}{p['flagged']:>9}{pct(p['flagged_rate']):>9}{p['at_least_expected']:>13}"
            f"{pct(p['sensitivity']):>15}{p['exact']:>7}\n")
    out(f"{'all positives':<16}{m['positives']:>6}{m['flagged_positives']:>9}{'':>9}{'':>13}{pct(m['overall_sensitivity']):>15}\n\n")
    out(f"exact-severity agreement among flagged positive pairs: {pct(m['exact_agreement']).strip()} "
        f"({m['flagged_positives']} flagged; {m['under_graded']} graded lower, {m['over_graded']} higher)\n")
    out(f"false alarms (not-major pairs graded major or worse): {m['false_alarms']} of {m['negatives']} = "
        f"{pct(m['false_alarm_rate']).strip()}  ({m['negatives_flagged']} flagged at any severity)\n")
    for level, p in m["per_severity"].items():
        out(f"  graded, expected {level}: " + ", ".join(f"{k} {v}" for k, v in sorted(p["graded"].items())) + "\n")
    out("  graded, expected not-major: " + ", ".join(f"{k} {v}" for k, v in sorted(m["negatives_graded"].items())) + "\n")
    if m["errors"]:
        out(f"errors: {m['errors']} pairs could not be checked (see --verbose)\n")
    alarms = [r for r in m["results"] if r["expected"] == "not-major" and r["got"] and rank(r["got"]) >= rank("major")]
    if alarms:
        out("\nfalse alarms:\n")
        for r in alarms:
            out(f"  {r['drug_a']} + {r['drug_b']}: graded {r['got']} ({r['kind']}) — reference: {r['source']}\n")
    if verbose:
        misses = [r for r in m["results"] if r["expected"] in LEVELS and not (r["got"] and rank(r["got"]) >= rank(r["expected"]))]
        out(f"\nmisses ({len(misses)}: not flagged, or flagged below the expected severity):\n")
        for r in misses:
            got = r["error"] or r["got"] or f"not flagged ({r['status']})"
            out(f"  [{r['expected']}] {r['drug_a']} + {r['drug_b']}: {got} — {r['note']} [{r['source']}]\n")
        over = [r for r in m["results"] if r["expected"] in LEVELS and r["got"] and rank(r["got"]) > rank(r["expected"])]
        out(f"\ngraded above the expected minimum ({len(over)}; counted as hits, not as exact):\n")
        for r in over:
            out(f"  [{r['expected']}] {r['drug_a']} + {r['drug_b']}: {r['got']} ({r['kind']})\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS, help="pairs CSV (default: benchmarks/ddi/pairs.csv)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and over-graded pairs")
    ap.add_argument("--json", action="store_true", help="print metrics and per-pair results as JSON")
    ap.add_argument("--monographs", type=Path, metavar="DIR",
                    help="check against the monographs in DIR only (with its classes.yaml) instead of the bundled set, "
                         "e.g. an export of another revision: git archive HEAD monographs | tar -x -C /tmp/rev")
    args = ap.parse_args(argv)
    rows = load_pairs(args.pairs)
    start = time.perf_counter()
    if args.monographs and not args.monographs.is_dir():
        raise SystemExit(f"--monographs: {args.monographs} is not a directory")
    metrics = evaluate(rows, make_checker(args.monographs))
    elapsed = time.perf_counter() - start
    if args.json:
        metrics["seconds"] = round(elapsed, 2)
        json.dump(metrics, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        report(metrics, args.verbose, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
