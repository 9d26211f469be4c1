"""Message catalogs: gettext, with the compiled catalogs shipped in `pmladder/locale/`.

A language without a catalog falls back to English, message by message.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "pmladder"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)
