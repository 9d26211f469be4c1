"""Exit codes, named once (sysexits where one fits), and `Fail`, the failure a user can act on.

The package-wide contract of docs/design.md ("Exit codes"): any layer may raise `Fail`; the
CLI's one error boundary (cli/errors.py) shows its message and exits with its code.
"""


def N_(message: str) -> str:
    """Mark a message for the catalog (translated where it is shown)."""
    return message


OK = 0
UNEXPECTED = 1  # a bug, or a closed pipe (`| head`), which ends quietly
USAGE = 2  # a bad option or combination, an unknown ladder or level, no terminal to ask on
DATA_ERR = 65  # a bad ladder or profile file
NO_INPUT = 66  # an input file is missing
CANT_CREATE = 73  # would overwrite a file without --force
IO_ERR = 74  # a file could not be written
INTERRUPTED = 130  # Ctrl-C, or the end of input at a prompt

CANCELLED = N_("Cancelled \u2014 nothing saved.")  # English; shown through the catalog
KEPT = N_("Cancelled \u2014 your profile is not saved; your answers so far are kept as a draft for next time.")


class DraftKept(KeyboardInterrupt):
    """Ctrl-C in the questions after the answers so far were kept as a draft: the CLI says so, not 'nothing saved'."""


class Message:
    """A message in the catalog's terms: its English id (marked with N_) and its parameters.

    A lower layer raises one and the CLI's error boundary words it in the language of the run
    (cli/errors.py `worded`); a parameter may be a Message itself (a reason inside a sentence).
    `str()` is the English wording, for logs and tests.
    """

    __slots__ = ("id", "params")

    def __init__(self, id: str, /, **params):
        self.id, self.params = id, params

    def worded(self, translate=None) -> str:
        """The message in words: each id through `translate` (the catalog's gettext; none: English)."""
        text = translate(self.id) if translate else self.id
        return text.format(**{k: v.worded(translate) if isinstance(v, Message) else v for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.worded()

    def __repr__(self) -> str:
        return f"Message({self.id!r}, **{self.params!r})"


class Fail(Exception):
    """A failure the user can act on: a message (worded already, or a Message) and its exit code."""

    def __init__(self, message: "str | Message", code: int = USAGE):
        super().__init__(str(message))
        self.message, self.code = message, code
