"""Build hook: compile the message catalogs (`.po`) into the `.mo` files the wheel carries.

The `.mo` files are built here, never committed; `pmladder/words/po.py` does the compiling, so
the build needs no GNU gettext tools.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    def initialize(self, version, build_data):
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location("_pmladder_po", root / "pmladder" / "words" / "po.py")
        po = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(po)
        out = Path(tempfile.mkdtemp(prefix="pmladder-mo-"))
        for source in sorted((root / "pmladder" / "locale").glob("*/LC_MESSAGES/pmladder.po")):
            lang = source.parent.parent.name
            target = out / lang / "pmladder.mo"
            target.parent.mkdir(parents=True, exist_ok=True)
            po.write_mo(po.read_po(source), target)
            build_data["force_include"][str(target)] = f"pmladder/locale/{lang}/LC_MESSAGES/pmladder.mo"
