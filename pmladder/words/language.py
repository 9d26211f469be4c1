"""Message catalogs and the choice of language.

Catalogs are GNU gettext: `pmladder/locale/LANG/LC_MESSAGES/pmladder.po` in the repository,
compiled to `.mo` by the build (hatch_build.py); a checkout without the `.mo` reads the `.po`.
A message without a translation stays English, one by one.

The language: `--lang`, else `PMLADDER_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`,
`LANG`: `zh_CN.UTF-8` gives `zh`), else English.
"""

from __future__ import annotations

import os
import re
import typing
from functools import lru_cache
from pathlib import Path

DOMAIN = "pmladder"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENV = "PMLADDER_LANG"
CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")  # what may name a catalog folder


class _POTranslations:
    """A catalog read straight from its `.po` file (a checkout, where the build made no `.mo`)."""

    def __init__(self, messages: dict[str, str]):
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get(f"{context}\x04{message}") or message


@lru_cache(maxsize=None)
def translation(lang: str):
    """The catalog of `lang` (anything with `.gettext`): the compiled `.mo`, else the `.po`; None when there is none."""
    if not CODE.match(lang or ""):
        return None
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.is_file():
        import gettext

        with open(mo, "rb") as fh:
            return gettext.GNUTranslations(fh)
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.is_file():
        from .po import read_po

        return _POTranslations(read_po(po))
    return None


def has_catalog(lang: str | None) -> bool:
    """Whether pmladder's own words exist in `lang` (English always does)."""
    return lang in (None, "en") or translation(lang) is not None


def languages() -> list[str]:
    """The languages pmladder's own words are translated into (English always)."""
    found = {"en"}
    if LOCALE_DIR.is_dir():
        found |= {p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir()}
    return sorted(found)


def from_environment(environ: typing.Mapping[str, str] | None = None) -> str | None:
    """The language the environment asks for (PMLADDER_LANG, then the locale), or None for English."""
    environ = os.environ if environ is None else environ
    wanted = environ.get(ENV, "").strip()
    if wanted:
        code = _code(wanted)
        return None if code in ("", "c", "posix", "en") else code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "").strip()
        if value:
            code = _code(value)
            return None if code in ("c", "posix", "en") else code
    return None


def _code(value: str) -> str:
    """`zh_CN.UTF-8` is zh; an English variant keeps its region (`en_GB.UTF-8`, `en-GB`: en-gb), for a ladder's
    British text; any other region is dropped, as pmladder's catalogs are by language."""
    code = value.split(".")[0].split("@")[0].lower().replace("_", "-")
    language, _, region = code.partition("-")
    return f"en-{region}" if language == "en" and region and re.match(r"^[a-z0-9]{2,8}$", region) else language


def messages_in_code(root: Path | None = None) -> dict[str, list[str]]:
    """Every message in pmladder's code, with where it stands (file:line).

    A message is the string in `_("...")` (translated where it stands), `N_("...")` (marked
    here, translated when it is shown: `--help` texts) or `C_("context", "...")` (a message with
    a context, returned as `context\x04message`), and the docstring of a command
    (a function decorated with `@app.command` or `@app.callback`), which Typer shows as its help.
    """
    import ast

    root = root or Path(__file__).resolve().parent.parent
    found: dict[str, list[str]] = {}

    def add(text: str, path: Path, line: int) -> None:
        found.setdefault(text, []).append(f"{path.relative_to(root.parent)}:{line}")

    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
                doc = ast.get_docstring(node, clean=True)
                if doc:
                    add(doc, path, node.body[0].lineno)
            if not (isinstance(node, ast.Call) and node.args and all(_is_text(a) for a in node.args[:2])):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in ("_", "N_"):
                add(node.args[0].value, path, node.lineno)
            elif name == "C_" and len(node.args) == 2:
                add(f"{node.args[0].value}\x04{node.args[1].value}", path, node.lineno)
    return found


def _is_text(node) -> bool:
    import ast

    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_command(decorator) -> bool:
    """`@app.command(...)` or `@app.callback(...)`."""
    import ast

    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(func, ast.Attribute) and func.attr in ("command", "callback")


def write_template(path: Path) -> int:
    """Write the message template (.pot) from the code; returns how many messages it has."""
    messages = messages_in_code()
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for message, places in sorted(messages.items(), key=lambda kv: _place(kv[1][0])):
        out.append("#: " + " ".join(places[:3]))
        if "\x04" in message:
            context, message = message.split("\x04", 1)
            out.append("msgctxt " + _po_string(context))
        out.append("msgid " + _po_string(message))
        out.append('msgstr ""')
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return len(messages)


def _place(where: str) -> tuple[str, int]:
    """`pmladder/cli.py:120` sorts by file, then by line as a number."""
    path, _, line = where.rpartition(":")
    return path, int(line)


def _po_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


if __name__ == "__main__":  # python -m pmladder.words.language: refresh pmladder/locale/pmladder.pot
    n = write_template(LOCALE_DIR / f"{DOMAIN}.pot")
    print(f"{n} messages written to {LOCALE_DIR / (DOMAIN + '.pot')}")
