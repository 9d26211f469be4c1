#!/usr/bin/env python3
"""Start-up benchmark for pmladder: how long its commands take next to a bare Typer app.

Usage:  python bench/startup.py [--runs N] [--seed S] [--json] [--check]

Every case is a fresh process. Cases are interleaved: each round runs every case once in
a shuffled order, so drift in machine load hits all cases alike. Two warm-up rounds are
not counted. The floor is bench/floor_app.py (a minimal Typer app) run by the same
interpreter, and the targets are ratios to its median, so machine speed cancels out.

Two figures are measured in-process, in one fresh subprocess so import time is excluded:
loading and validating the ladder library, and placing one profile on one ladder.

This is a report, not a test: it exits 0 unless --check is given and a target fails.
See bench/README.md. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"
EXAMPLE_PROFILE = "examples/profile-alex.yaml"
WARMUP_ROUNDS = 2
MIN_RUNS = 15
LOAD_CALLS = 15
ASSESS_CALLS = 200

# The targets (from the issue): ratios to the floor's median, or absolute milliseconds.
SHOW_MAX_RATIO = 1.3
ASSESS_MAX_RATIO = 1.4
LOAD_MAX_MS = 20.0
ASSESS_CALL_MAX_MS = 1.0

ENV = {**os.environ, "NO_COLOR": "1"}


# --- running things ------------------------------------------------------------------------


def pmladder_command() -> list[str]:
    """The installed `pmladder` script beside this interpreter if there is one, else `python -m pmladder`."""
    bindir = Path(sys.executable).parent
    for name in ("pmladder", "pmladder.exe"):
        exe = bindir / name
        if exe.is_file() and os.access(exe, os.X_OK):
            return [str(exe)]
    return [sys.executable, "-m", "pmladder"]


def run(cmd: list[str], *, capture: bool = False) -> subprocess.CompletedProcess:
    """One process: cwd at the repo root, NO_COLOR=1, stdin from /dev/null."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.run(cmd, cwd=ROOT, env=ENV, stdin=subprocess.DEVNULL, stdout=out, stderr=out, text=capture)


def last_line(text: str | None) -> str:
    """The last line of an error output with text in it (Typer's box drawing stripped)."""
    lines = [ln.strip(" \u2502\u256d\u256e\u256f\u2570\u2500") for ln in (text or "").splitlines()]
    lines = [ln for ln in lines if ln]
    return lines[-1][:120] if lines else ""


# --- choosing the cases ----------------------------------------------------------------------


class Case:
    def __init__(self, key: str, label: str, cmd: list[str]):
        self.key, self.label, self.cmd = key, label, cmd
        self.times: list[float] = []  # seconds, counted runs only
        self.failures = 0
        self.skipped: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.times) * 1000 if self.times else None

    @property
    def min_ms(self) -> float | None:
        return min(self.times) * 1000 if self.times else None


def is_profile(path: Path) -> bool:
    """A profile file has `schema_version` and `facts` among its top-level keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    keys = set(re.findall(r"^([A-Za-z_][\w-]*)\s*:", text, re.MULTILINE))
    return {"schema_version", "facts"} <= keys


def find_profile() -> str | None:
    """examples/profile-alex.yaml if it is a profile, else the first examples/*.yaml that is one."""
    preferred = ROOT / EXAMPLE_PROFILE
    candidates = [preferred] + sorted((ROOT / "examples").glob("*.yaml"))
    for path in candidates:
        if path.is_file() and is_profile(path):
            return path.relative_to(ROOT).as_posix()
    return None


def pick_ladder(pm: list[str]) -> tuple[str | None, str]:
    """pmo-career if it exists, else pm-titles, asked of `pmladder ladders --format json`."""
    proc = run(pm + ["ladders", "--format", "json"], capture=True)
    if proc.returncode != 0:
        return None, f"`pmladder ladders` exited {proc.returncode}: {last_line(proc.stderr)}"
    try:
        ids = {row["id"] for row in json.loads(proc.stdout)["ladders"]}
    except (ValueError, KeyError, TypeError) as exc:
        return None, f"cannot read `pmladder ladders --format json`: {exc}"
    for ladder in ("pmo-career", "pm-titles"):
        if ladder in ids:
            return ladder, ""
    return None, "neither pmo-career nor pm-titles is a known ladder"


def make_cases(pm: list[str]) -> tuple[list[Case], str | None, str | None]:
    """The four cases (some perhaps skipped), the ladder for `show` and the profile for `assess`."""
    floor = Case("floor", "floor (typer hello)", [sys.executable, str(FLOOR_APP), "hello"])
    version = Case("version", "pmladder --version", pm + ["--version"])
    ladder, why = pick_ladder(pm)
    show = Case("show", f"pmladder show {ladder or 'pmo-career'}", pm + ["show", ladder or "pmo-career"])
    if ladder is None:
        show.skipped = f"skipped: {why}"
    profile = find_profile()
    assess = Case("assess", "pmladder assess --format json", [])
    if profile is None:
        assess.skipped = "skipped: assess not available (no examples/*.yaml profile with schema_version and facts)"
    else:
        assess.cmd = pm + ["assess", "--answers", profile, "--format", "json"]
        assess.label = f"pmladder assess --answers {Path(profile).name} --format json"
    cases = [floor, version, show, assess]
    # One run of each first: a case that does not exit 0 is skipped, not timed.
    for case in cases:
        if case.skipped:
            continue
        proc = run(case.cmd, capture=True)
        if case.key == "assess" and proc.returncode == 2 and ladder and "--ladder" in (proc.stderr or ""):
            # The command asks for a ladder to place the profile on: use the show case's.
            retry = run(case.cmd + ["--ladder", ladder], capture=True)
            if retry.returncode == 0:
                case.cmd += ["--ladder", ladder]
                case.label += f" --ladder {ladder}"
                proc = retry
        if proc.returncode != 0:
            detail = f"exit {proc.returncode}: {last_line(proc.stderr)}"
            if case.key == "assess":
                case.skipped = f"skipped: assess not available ({detail})"
            else:
                case.skipped = f"error: {detail}"
    return cases, ladder, profile


def time_cases(cases: list[Case], runs: int, seed: int | None) -> None:
    """Interleaved rounds: every case once per round, in a shuffled order; warm-up rounds not counted."""
    active = [c for c in cases if not c.skipped]
    rng = random.Random(seed)
    for round_no in range(WARMUP_ROUNDS + runs):
        rng.shuffle(active)
        for case in active:
            start = time.perf_counter()
            proc = run(case.cmd)
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                case.failures += 1
            elif round_no >= WARMUP_ROUNDS:
                case.times.append(elapsed)


# --- in-process timings ----------------------------------------------------------------------

# Runs in a fresh interpreter (cwd at the repo root); argv: ladder id, profile path or "".
# Only the calls are timed, never the imports. Prints one JSON object.
CHILD = r"""
import importlib.util, inspect, json, statistics, sys, time
from pathlib import Path

LOAD_CALLS, ASSESS_CALLS = %(load)d, %(assess)d
ladder_id, profile_path = sys.argv[1], sys.argv[2]
out = {}

def timed(fn, n):
    fn()  # warm-up
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return {"n": n, "median_ms": statistics.median(times) * 1000, "min_ms": min(times) * 1000}

from pmladder.loader import load_library
out["load"] = timed(load_library, LOAD_CALLS)
lib = load_library()
out["load"]["ladders"] = len(lib.ladders)
out["load"]["builtin"] = sum(1 for item in lib.ladders.values() if item.builtin)

def assess_timing():
    if importlib.util.find_spec("pmladder.assess") is None:
        return {"skipped": "pmladder.assess does not exist"}
    from pmladder import assess as mod
    fn = getattr(mod, "assess", None)
    names = list(inspect.signature(fn).parameters)[:3] if callable(fn) else []
    if names != ["ladder", "catalog", "profile"]:
        return {"skipped": "pmladder.assess has no assess(ladder, catalog, profile)"}
    if not profile_path:
        return {"skipped": "no example profile (examples/*.yaml with schema_version and facts)"}
    loaded = lib.get(ladder_id)
    if loaded is None:
        return {"skipped": f"no ladder {ladder_id!r}"}
    from pmladder.model import Profile
    profile, via = None, "Profile.model_validate(yaml.safe_load(...))"
    if importlib.util.find_spec("pmladder.profiles") is not None:
        try:
            from pmladder.profiles import load_profile
            # Its signature: load_profile(path, catalog, competencies=None); pass what it names.
            params = inspect.signature(load_profile).parameters
            kwargs = {}
            if "catalog" in params:
                kwargs["catalog"] = lib.catalog
            if "competencies" in params:
                kwargs["competencies"] = lib.catalog.competencies_for(loaded.ladder)
            got = load_profile(Path(profile_path), **kwargs)
            if isinstance(got, Profile):
                profile, via = got, "pmladder.profiles.load_profile(path, " + ", ".join(kwargs) + ")"
            else:
                via += f" (load_profile(path) returned {type(got).__name__})"
        except Exception as exc:
            via += f" (load_profile(path) failed: {type(exc).__name__}: {exc})"
    if profile is None:
        import yaml
        profile = Profile.model_validate(yaml.safe_load(Path(profile_path).read_text(encoding="utf-8")))
    result = timed(lambda: fn(loaded.ladder, lib.catalog, profile), ASSESS_CALLS)
    result.update(ladder=ladder_id, profile=profile_path, loaded_with=via)
    return result

out["assess"] = assess_timing()
print(json.dumps(out))
"""


def in_process(ladder: str | None, profile: str | None) -> dict:
    code = CHILD % {"load": LOAD_CALLS, "assess": ASSESS_CALLS}
    proc = run([sys.executable, "-c", code, ladder or "pmo-career", profile or ""], capture=True)
    if proc.returncode != 0:
        why = f"error: in-process child exited {proc.returncode}: {last_line(proc.stderr)}"
        return {"load": {"skipped": why}, "assess": {"skipped": why}}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- targets and the report --------------------------------------------------------------------


def target(name: str, limit: str, value: float | None, bound: float, unit: str, why: str | None) -> dict:
    if value is None:
        status = "SKIP" if why and why.startswith("skipped") else "ERROR"
        shown = why or "not measured"
    else:
        status = "PASS" if value <= bound else "FAIL"
        shown = f"{value:.2f}{unit}"
    return {"target": name, "limit": limit, "value": value, "shown": shown, "status": status}


def evaluate(cases: dict[str, Case], inproc: dict) -> list[dict]:
    floor = cases["floor"].median_ms

    def ratio(key: str) -> tuple[float | None, str | None]:
        case = cases[key]
        if case.skipped or case.median_ms is None:
            return None, case.skipped or "error: no successful runs"
        if floor is None:
            return None, f"error: floor not measured ({cases['floor'].skipped})"
        return case.median_ms / floor, None

    load, assess = inproc["load"], inproc["assess"]
    show_r, show_why = ratio("show")
    assess_r, assess_why = ratio("assess")
    return [
        target("show", f"<= {SHOW_MAX_RATIO}x floor", show_r, SHOW_MAX_RATIO, "x", show_why),
        target("assess", f"<= {ASSESS_MAX_RATIO}x floor", assess_r, ASSESS_MAX_RATIO, "x", assess_why),
        target("load_library()", f"<= {LOAD_MAX_MS:g} ms", load.get("median_ms"), LOAD_MAX_MS, " ms", load.get("skipped")),
        target("assess() call", f"<= {ASSESS_CALL_MAX_MS:g} ms", assess.get("median_ms"), ASSESS_CALL_MAX_MS, " ms", _skip_text(assess)),
    ]


def _skip_text(result: dict) -> str | None:
    why = result.get("skipped")
    return why if why is None or why.startswith(("skipped", "error")) else f"skipped: {why}"


def ms(x: float | None) -> str:
    return "-" if x is None else f"{x:.1f}"


def print_report(meta: dict, cases: list[Case], inproc: dict, targets: list[dict]) -> None:
    floor = next(c for c in cases if c.key == "floor").median_ms
    print(f"pmladder start-up: median of {meta['runs']} runs per case (+{WARMUP_ROUNDS} warm-up rounds), interleaved in shuffled order")
    print(f"python: {meta['python']}  ({meta['python_version']})")
    print(f"pmladder: {' '.join(meta['pmladder_cmd'])}")
    print()
    width = max(len(c.label) for c in cases)
    print(f"{'case':<{width}}  {'median ms':>9}  {'min ms':>7}  {'x floor':>7}")
    for c in cases:
        if c.skipped:
            print(f"{c.label:<{width}}  {c.skipped}")
            continue
        r = f"{c.median_ms / floor:.2f}" if floor and c.median_ms is not None else "-"
        note = f"  ({c.failures} failed runs)" if c.failures else ""
        print(f"{c.label:<{width}}  {ms(c.median_ms):>9}  {ms(c.min_ms):>7}  {r:>7}{note}")
    print()
    print("in-process (fresh interpreter, imports not timed)")
    load, assess = inproc["load"], inproc["assess"]
    if "median_ms" in load:
        print(f"  load_library(), {load['ladders']} ladders ({load['builtin']} built-in): "
              f"median {load['median_ms']:.2f} ms, min {load['min_ms']:.2f} ms over {load['n']} calls")
    else:
        print(f"  load_library(): {load['skipped']}")
    if "median_ms" in assess:
        print(f"  assess({assess['ladder']}, {assess['profile']}): "
              f"median {assess['median_ms']:.3f} ms, min {assess['min_ms']:.3f} ms over {assess['n']} calls")
        print(f"    profile loaded with {assess['loaded_with']}")
    else:
        print(f"  assess(ladder, catalog, profile): {_skip_text(assess)}")
    print()
    print("targets")
    for t in targets:
        print(f"  {t['target']:<15} {t['limit']:<15} {t['shown']:<12}  {t['status']}" if t["value"] is not None
              else f"  {t['target']:<15} {t['limit']:<15} {t['status']}  ({t['shown']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time pmladder's start-up against a minimal Typer app.")
    parser.add_argument("--runs", type=int, default=21, help=f"counted runs per case (at least {MIN_RUNS}; default 21)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the shuffled order of each round")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails (default: always exit 0)")
    args = parser.parse_args(argv)
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")

    pm = pmladder_command()
    case_list, ladder, profile = make_cases(pm)
    time_cases(case_list, args.runs, args.seed)
    inproc = in_process(ladder, profile)
    cases = {c.key: c for c in case_list}
    targets = evaluate(cases, inproc)
    meta = {
        "python": sys.executable,
        "python_version": sys.version.split()[0],
        "pmladder_cmd": pm,
        "runs": args.runs,
        "warmup_rounds": WARMUP_ROUNDS,
        "seed": args.seed,
    }

    if args.json:
        floor = cases["floor"].median_ms
        print(json.dumps({
            **meta,
            "cases": [
                {
                    "case": c.key,
                    "label": c.label,
                    "cmd": c.cmd,
                    "skipped": c.skipped,
                    "median_ms": c.median_ms,
                    "min_ms": c.min_ms,
                    "ratio_to_floor": c.median_ms / floor if floor and c.median_ms is not None else None,
                    "failed_runs": c.failures,
                    "times_ms": [t * 1000 for t in c.times],
                }
                for c in case_list
            ],
            "in_process": inproc,
            "targets": targets,
        }, indent=2))
    else:
        print_report(meta, case_list, inproc, targets)

    failed = any(t["status"] in ("FAIL", "ERROR") for t in targets)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
