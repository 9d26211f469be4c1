"""Shell completion: ladder ids, and the level ids of the ladder already on the command line.

Runs inside the shell's completion request, so it must never fail loudly: any problem
loading the ladders just means no suggestions.
"""

from __future__ import annotations


def _library(ctx):
    from .library import load_library

    dirs = (ctx.params.get("ladders_dir") if ctx is not None else None) or None
    try:
        return load_library(dirs)
    except Exception:  # noqa: BLE001 - completion offers what it can
        return None


def ladder_ids(ctx, incomplete: str) -> list[str]:
    lib = _library(ctx)
    if lib is None:
        return []
    return [lid for lid in sorted(lib.ladders) if lid.startswith(incomplete)]


def level_ids(ctx, incomplete: str) -> list[str]:
    lib = _library(ctx)
    if lib is None:
        return []
    ladder_id = _ladder_on_the_line(ctx, lib)
    if not ladder_id:
        try:
            from .paths import profile_path
            from .profiles import load_profile

            ladder_id = load_profile(profile_path(), lib.vocabulary()).ladder
        except Exception:  # noqa: BLE001
            ladder_id = None
    ladders = [lib.get(ladder_id).ladder] if ladder_id and lib.get(ladder_id) else [item.ladder for item in lib.ladders.values()]
    ids = dict.fromkeys(lv.id for ladder in ladders for lv in ladder.levels)
    return [i for i in ids if i.startswith(incomplete)]


def _ladder_on_the_line(ctx, lib) -> str | None:
    """The ladder already typed: `--ladder ID`, or `show ID`'s argument. While an option still waits
    for its value (`show pm-titles --level <TAB>`), the parser has not assigned the argument yet,
    so a leftover word that is a known ladder id counts too."""
    if ctx is None:
        return None
    named = ctx.params.get("ladder")
    if named:
        return named
    leftover = [*getattr(ctx, "_protected_args", []), *getattr(ctx, "args", [])]
    return next((word for word in leftover if word in lib.ladders), None)
