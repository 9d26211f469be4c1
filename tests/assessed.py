"""`pmladder assess --format json` of a persona on a ladder, run once per test process.

The persona table (engine/test_persona_table.py: three checks on every persona and ladder) and the
crosswalk (views/test_where.py: `where` against `assess` for every persona) read the same results;
each (persona, ladder, day) is assessed by the CLI, in-process, the first time a test asks for it,
and every test gets its own copy of the JSON. Both files go to one worker (ONE_WORKER in conftest.py),
so each result is computed once. Nothing here depends on the order the tests run in: a
result is the same whichever test asks first (each run has a fresh home, a fixed --today).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import yaml

from personas import BY_KEY

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # yaml.safe_dump's dumper, in C where PyYAML has libyaml

_files = itertools.count()
_DONE: dict[tuple[str, str, str, str], str] = {}


def run_assess(invoke, folder: Path, profile: dict, ladder: str, today: str) -> dict:
    """`pmladder assess --profile FILE --ladder LADDER --format json --today DAY` on `profile` written to a file."""
    path = folder / f"profile-{next(_files)}.yaml"
    path.write_text(yaml.dump(profile, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    args = ("assess", "--profile", path, "--ladder", ladder, "--format", "json", "--today", today)
    result = invoke(*args)
    shown = " ".join(str(a) for a in args)
    assert result.exit_code == 0, (
        f"pmladder {shown} exited {result.exit_code}\n"
        f"stderr: {result.stderr.strip()}\nstdout: {result.stdout[:1500]}"
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"pmladder {shown} printed no JSON ({exc}):\n{result.stdout[:1500]}") from None


def persona_assessed(invoke, folder: Path, key: str, ladder: str, today: str) -> dict:
    """The assess JSON of persona `key` on `ladder` at `today`, computed once per process (a fresh copy each call)."""
    profile = BY_KEY[key].profile
    memo = (key, ladder, today, json.dumps(profile, sort_keys=True, default=str))
    if memo not in _DONE:
        _DONE[memo] = json.dumps(run_assess(invoke, folder, profile, ladder, today))
    return json.loads(_DONE[memo])
