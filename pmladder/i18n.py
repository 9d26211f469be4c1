"""Message catalogs and the choice of language.

Catalogs are GNU gettext: `pmladder/locale/LANG/LC_MESSAGES/pmladder.po` in the repository,
compiled to `.mo` by the build (hatch_build.py); a checkout without the `.mo` reads the `.po`.
A message without a translation stays English, one by one.

The language: `--lang`, else `PMLADDER_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`,
`LANG`: `zh_CN.UTF-8` gives `zh`), else English.
"""

from __future__ import annotations

import gettext
import os
import typing
from pathlib import Path

DOMAIN = "pmladder"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENV = "PMLADDER_LANG"


class _POTranslations(gettext.NullTranslations):
    """A catalog read straight from its `.po` file."""

    def __init__(self, messages: dict[str, str]):
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message

    def pgettext(self, context: str, message: str) -> str:
        return self._messages.get(f"{context}\x04{message}") or message


def translation(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang])
    except OSError:
        pass
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.is_file():
        from .po import read_po

        return _POTranslations(read_po(po))
    return gettext.NullTranslations()


def languages() -> list[str]:
    """The languages pmladder's own words are translated into (English always)."""
    found = {"en"}
    if LOCALE_DIR.is_dir():
        found |= {p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir()}
    return sorted(found)


def from_environment(environ: typing.Mapping[str, str] | None = None) -> str | None:
    """The language the environment asks for (PMLADDER_LANG, then the locale), or None."""
    environ = os.environ if environ is None else environ
    wanted = environ.get(ENV, "").strip()
    if wanted:
        return wanted.split("_")[0].split(".")[0].lower() or None
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "").strip()
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return None if code in ("c", "posix", "en") else code
    return None


def messages_in_code(root: Path | None = None) -> dict[str, list[str]]:
    """Every `_("...")` message in pmladder's code, with where it stands (file:line)."""
    import ast

    root = root or Path(__file__).resolve().parent
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name == "_":
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def write_template(path: Path) -> int:
    """Write the message template (.pot) from the code; returns how many messages it has."""
    messages = messages_in_code()
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for message, places in sorted(messages.items(), key=lambda kv: kv[1][0]):
        out.append("#: " + " ".join(places[:3]))
        out.append("msgid " + _po_string(message))
        out.append('msgstr ""')
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")
    return len(messages)


def _po_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


if __name__ == "__main__":  # python -m pmladder.i18n: refresh pmladder/locale/pmladder.pot
    n = write_template(LOCALE_DIR / f"{DOMAIN}.pot")
    print(f"{n} messages written to {LOCALE_DIR / (DOMAIN + '.pot')}")
