#!/usr/bin/env python3
"""Start-up benchmark for pmladder: how long its commands take next to a bare Typer app.

Usage:  python bench/startup.py [--runs N] [--seed S] [--json] [--check]

Every case is a fresh process. Cases are interleaved: each round runs every case once in
a shuffled order, so drift in machine load hits all cases alike. Two warm-up rounds are
not counted (they also fill pmladder's cache of validated ladders, as any first run does).
The floor is bench/floor_app.py (a minimal Typer app with one subcommand) run by the same
interpreter; the targets are ratios to its median, so machine speed cancels out.

In-process figures come from one fresh subprocess with imports excluded: loading and
validating every built-in ladder (cache off), the same through the cache, and placing one
profile on one ladder.

A report, not a test: it exits 0 unless --check is given and a target fails. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
PROFILE = ROOT / "ladders" / "examples" / "profile-alex.yaml"
LADDER = "pmo-career"
WARMUP_ROUNDS = 2
MIN_RUNS = 15

# (case, limit): the targets of the issues
TARGETS = {"show": 1.25, "assess": 1.1}
LOAD_MAX_MS = 20.0
PLACE_MAX_MS = 1.0

# Bytecode is written and reused as on any installed copy (a session may set PYTHONDONTWRITEBYTECODE).
ENV = {k: v for k, v in {**os.environ, "NO_COLOR": "1"}.items() if k != "PYTHONDONTWRITEBYTECODE"}


def pmladder() -> list[str]:
    """The installed console script beside this interpreter, else `python -m pmladder`."""
    script = Path(sys.executable).with_name("pmladder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmladder"]


def cases() -> dict[str, list[str]]:
    pm = pmladder()
    return {
        "floor": [sys.executable, str(FLOOR_APP), "hello"],
        "version": pm + ["--version"],
        "show": pm + ["show", LADDER],
        "assess": pm + ["assess", "--ladder", LADDER, "--profile", str(PROFILE), "--format", "json"],
    }


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace').strip()[-300:]}")
    return took


def time_cases(cmds: dict[str, list[str]], runs: int, seed: int | None) -> dict[str, list[float]]:
    rng = random.Random(seed)
    times: dict[str, list[float]] = {key: [] for key in cmds}
    for round_no in range(WARMUP_ROUNDS + runs):
        order = list(cmds)
        rng.shuffle(order)
        for key in order:
            took = run(cmds[key])
            if round_no >= WARMUP_ROUNDS:
                times[key].append(took * 1000)
    return times


CHILD = r"""
import json, statistics, sys, time
from pathlib import Path

def timed(fn, n):
    fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter(); fn(); out.append((time.perf_counter() - t0) * 1000)
    return {"n": n, "median_ms": statistics.median(out), "min_ms": min(out)}

import datetime
from pmladder.engine.placement import assess
from pmladder.inputs.loader import load_library
from pmladder.inputs.profiles import load_profile
from pmladder.views.plan import make_plan

from pmladder.inputs import cache as _cache, loader as _loader


# each load as a new process meets it: nothing this process kept of an earlier load (the catalog parsed, the
# libraries it built or wrote, which a process loading the same files again reuses) is there to be reused
def as_new_process(fn):
    def run():
        getattr(_loader, "_CATALOG", {}).clear()
        getattr(_cache, "_RECENT", {}).clear()
        return fn()
    return run


cold = timed(as_new_process(lambda: load_library(environ={"PMLADDER_NO_CACHE": "1"})), 15)
warm = timed(as_new_process(load_library), 15)
lib = load_library()
loaded = lib.get(sys.argv[1])
profile = load_profile(Path(sys.argv[2]), lib.vocabulary())
today = datetime.date(2026, 12, 2)
place = timed(lambda: assess(loaded.ladder, profile, today), 300)
full = timed(lambda: make_plan(loaded.ladder, profile, today), 300)
print(json.dumps({"load": cold, "load_cached": warm, "place": place, "plan": full, "ladders": len(lib.ladders)}))
"""


def in_process() -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, LADDER, str(PROFILE)], capture_output=True, text=True, env=ENV, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"in-process timing failed: {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(times: dict[str, list[float]], inproc: dict, cmds: dict[str, list[str]]) -> dict:
    med = {key: statistics.median(values) for key, values in times.items()}
    floor = med["floor"]
    rows = [
        {"case": key, "command": " ".join(Path(a).name if i == 0 else os.path.relpath(a, ROOT) if a.startswith(str(ROOT)) else a for i, a in enumerate(cmds[key])),
         "median_ms": round(med[key], 1), "min_ms": round(min(times[key]), 1), "ratio": round(med[key] / floor, 2)}
        for key in cmds
    ]
    targets = [
        {"target": f"{key} <= {limit}x floor", "value": round(med[key] / floor, 2), "ok": med[key] / floor <= limit}
        for key, limit in TARGETS.items()
    ]
    targets.append({"target": f"load+validate built-in ladders <= {LOAD_MAX_MS:g} ms", "value": round(inproc["load"]["median_ms"], 2), "ok": inproc["load"]["median_ms"] <= LOAD_MAX_MS})
    targets.append({"target": f"place and plan one profile <= {PLACE_MAX_MS:g} ms", "value": round(inproc["plan"]["median_ms"], 3), "ok": inproc["plan"]["median_ms"] <= PLACE_MAX_MS})
    return {"runs": len(times["floor"]), "cases": rows, "in_process": inproc, "targets": targets}


def print_report(result: dict) -> None:
    print(f"pmladder start-up: medians of {result['runs']} interleaved runs (+{WARMUP_ROUNDS} warm-up rounds), Python {sys.version.split()[0]}")
    print()
    width = max(len(r["command"]) for r in result["cases"])
    print(f"{'command':<{width}}  {'median ms':>9}  {'min ms':>7}  {'x floor':>7}")
    for r in result["cases"]:
        print(f"{r['command']:<{width}}  {r['median_ms']:>9.1f}  {r['min_ms']:>7.1f}  {r['ratio']:>7.2f}")
    ip = result["in_process"]
    print()
    print("in-process (imports not timed)")
    print(f"  load + validate {ip['ladders']} built-in ladders, no cache: median {ip['load']['median_ms']:.2f} ms")
    print(f"  load through the cache:                 median {ip['load_cached']['median_ms']:.2f} ms")
    print(f"  place one profile on {LADDER}:          median {ip['place']['median_ms']:.3f} ms")
    print(f"  place and plan it (make_plan):          median {ip['plan']['median_ms']:.3f} ms")
    print()
    print("targets")
    for t in result["targets"]:
        print(f"  {t['target']:<42} {t['value']:>8}  {'PASS' if t['ok'] else 'FAIL'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time pmladder's start-up against a minimal Typer app.")
    parser.add_argument("--runs", type=int, default=21, help=f"counted runs per case (at least {MIN_RUNS}; default 21)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the shuffled order of each round")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    cmds = cases()
    result = report(time_cases(cmds, args.runs, args.seed), in_process(), cmds)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 1 if args.check and not all(t["ok"] for t in result["targets"]) else 0


if __name__ == "__main__":
    sys.exit(main())
