"""The organisation ladder the format-2 tests share (tests/good_ladders/org-delivery.yaml), copied into a folder
of its own so `--ladders-dir` reads it alone, and a profile written beside it."""

from __future__ import annotations

from pathlib import Path

ORG = Path(__file__).resolve().parent / "good_ladders" / "org-delivery.yaml"


def org_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ladders"
    folder.mkdir()
    (folder / ORG.name).write_text(ORG.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def profile_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return path
