"""GNU gettext catalogs without the GNU tools: read a `.po` file, write the `.mo` it compiles to.

The build compiles `pmladder/locale/*/LC_MESSAGES/pmladder.po` with `write_mo` (see
hatch_build.py), so the wheel carries `.mo` files that `gettext` reads; a checkout without
them reads the `.po` directly (`i18n.translation`). Supports what pmladder's catalogs use:
`msgctxt`, `msgid`, `msgstr`, multi-line strings, comments and the `fuzzy` flag (fuzzy
entries are left out, as msgfmt does). Stdlib only.
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path


class POError(ValueError):
    """A catalog that cannot be read; the message names the file and line."""


def _unquote(text: str, path: str, line: int) -> str:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise POError(f"{path}:{line}: a string in double quotes was expected") from None
    if not isinstance(value, str):
        raise POError(f"{path}:{line}: a string in double quotes was expected")
    return value


def read_po(path: str | Path) -> dict[str, str]:
    """The translations of a `.po` file: msgid (with `msgctxt\\x04` in front when given) -> msgstr."""
    path = str(path)
    out: dict[str, str] = {}
    entry: dict[str, str] = {}
    field = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and "msgstr" in entry and not fuzzy and entry["msgstr"]:
            key = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
            out[key] = entry["msgstr"]
        elif "msgid" in entry and entry["msgid"] == "" and "msgstr" in entry:
            out[""] = entry["msgstr"]  # the header
        entry, fuzzy = {}, False

    with open(path, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                if line.startswith("#,") and "fuzzy" in line:
                    if "msgid" in entry:
                        flush()
                    fuzzy = True
                elif "msgstr" in entry:
                    flush()
                continue
            for keyword in ("msgctxt", "msgid_plural", "msgid", "msgstr[0]", "msgstr"):
                if line.startswith(keyword + " ") or line.startswith(keyword + '"'):
                    if keyword in ("msgctxt", "msgid") and "msgstr" in entry:
                        flush()
                    field = "msgstr" if keyword == "msgstr[0]" else keyword
                    entry[field] = _unquote(line[len(keyword):].strip(), path, number)
                    break
            else:
                if line.startswith('"') and field is not None:
                    entry[field] += _unquote(line, path, number)
                else:
                    raise POError(f"{path}:{number}: cannot read this line of the catalog")
    flush()
    return out


def write_mo(messages: dict[str, str], path: str | Path) -> None:
    """Write `messages` (as read_po returns them) as a GNU `.mo` file."""
    keys = sorted(messages)
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        k, v = key.encode("utf-8"), messages[key].encode("utf-8")
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\0"
        strs += v + b"\0"
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    koffsets, voffsets = [], []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + key_start]
        voffsets += [l2, o2 + value_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    data = header + struct.pack(f"{len(koffsets)}i", *koffsets) + struct.pack(f"{len(voffsets)}i", *voffsets) + ids + strs
    Path(path).write_bytes(data)
