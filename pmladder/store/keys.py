"""The secret key behind `team --anonymise`: made on first use (32 random bytes, mode 0600 in
the user data folder), or given for one run in PMLADDER_PSEUDONYM_KEY; refused, never used,
when it is malformed or short enough for anyone to compute its pseudonyms."""

from __future__ import annotations

import os

KEY_ENV = "PMLADDER_PSEUDONYM_KEY"  # a key given for this run (shared pseudonyms on two machines)
KEY_MIN_HEX = 32  # 16 bytes: below this, pseudonyms could be worked back by trying keys
KEY_MAX_HEX = 1024
KEY_COMMAND = "python3 -c \"import secrets; print(secrets.token_hex(32))\""


def key_path():
    from .paths import data_dir

    return data_dir() / "team-pseudonyms.key"


def _key_problem(text: str) -> str | None:
    """Why `text` (stripped) is not a usable key, in catalog words; None when it is one."""
    from ..words import N_

    if not text:
        return N_("it is empty")
    if len(text) > KEY_MAX_HEX:
        return N_("it is longer than 1024 hexadecimal characters")
    if any(c not in "0123456789abcdefABCDEF" for c in text):
        return N_("it is not hexadecimal")
    if len(text) < KEY_MIN_HEX:
        return N_("it is shorter than 32 hexadecimal characters")
    if len(text) % 2:
        return N_("it has an odd number of hexadecimal characters")
    return None


def pseudonym_key() -> bytes:
    """The secret the pseudonyms are made with: `PMLADDER_PSEUDONYM_KEY` when set, else the key
    file in the user's data folder (made on first use: 32 random bytes, mode 0600).

    A key that is not hexadecimal or is shorter than 16 bytes is refused, never used: a
    short key would give pseudonyms anyone could compute. The key itself is never shown.
    A bad value of the variable is a usage mistake (exit 2: it came with the command); a bad
    key file is bad data (exit 65: the file must be moved away or fixed); a key file that
    cannot be read is 66, one that cannot be made 74.
    """
    import secrets

    from ..exits import DATA_ERR, NO_INPUT, USAGE, Fail
    from .fsio import WouldOverwrite, atomic_write
    from ..words import _

    path = key_path()
    given = os.environ.get(KEY_ENV)
    if given is not None:
        why = _key_problem(given.strip())
        if why:
            raise Fail(_("{var} is not a usable pseudonym key ({why}); unset it to use the key in {path}, or set it to "
                         "a new one made with: {command}").format(var=KEY_ENV, why=_(why), path=path, command=KEY_COMMAND),
                       USAGE)
        return bytes.fromhex(given.strip())
    try:
        raw = _read_key(path)
        if raw is None:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                atomic_write(path, secrets.token_hex(32) + "\n", overwrite=False, mode=0o600)
            except WouldOverwrite:  # another run made it first: use that one
                pass
            raw = _read_key(path) or b""
    except OSError as exc:
        from .fsio import _reason

        raise Fail(_("cannot read the pseudonym key {path}: {reason}").format(path=path, reason=_(_reason(exc))),
                   NO_INPUT) from None
    text = raw.decode("ascii", errors="replace").strip()
    why = _key_problem(text) if len(raw) <= KEY_MAX_HEX + 64 else _key_problem("0" * (KEY_MAX_HEX + 1))
    if why:
        raise Fail(_("{path}: not a usable pseudonym key ({why}); move it away and the next 'pmladder team "
                     "--anonymise' makes a new one (every pseudonym then changes)").format(path=path, why=_(why)),
                   DATA_ERR)
    return bytes.fromhex(text)


def _read_key(path) -> bytes | None:
    """The key file's first bytes (enough to tell one too long), or None when there is none."""
    try:
        with open(path, "rb") as fh:
            return fh.read(KEY_MAX_HEX + 65)
    except FileNotFoundError:
        return None
