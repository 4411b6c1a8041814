"""Pronunciations written by hand (`intents/pronunciations.txt`) for request words the
recognizer's dictionary lacks and no rule of `pronounce.py` can build: "shush", "brekkie",
"smoko". Without one such a word cannot be heard, and every request sentence holding it
is left out of what the command decoder listens for.

The file is data, like the intent templates: one pronunciation per line, the word and
then its phones. A broken line is named by file and line (`IntentFileError`).
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import IntentFileError

PHONES = frozenset({
    "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G",
    "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T",
    "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
})  # fmt: skip
"""The phones of PocketSphinx's American English model (its dictionary uses these and
no others; `tests/speech/test_speech_lexicon.py` checks it against the bundled one)."""

_WORD = re.compile(r"[a-z][a-z']*")

Lexicon = dict[str, list[tuple[str, ...]]]
"""Each word's pronunciations (phone tuples), in the file's order."""


def lexicon_path() -> Path:
    """The product's hand-written pronunciations."""
    from assistant.resources import intents_dir

    return intents_dir() / "pronunciations.txt"


def read_lexicon(path: str | Path) -> Lexicon:
    """The pronunciations in `path`: blank lines and "#" comments skipped, a line
    repeated kept once. Raises `IntentFileError` naming the line of a word that is not
    lower-case letters, a line without phones, or a phone the model does not have."""
    lexicon: Lexicon = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise IntentFileError(path, 0, f"cannot read pronunciations ({err})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        word, phones = fields[0], tuple(fields[1:])
        if not _WORD.fullmatch(word):
            raise IntentFileError(path, number, f"{word!r} is not a lower-case word")
        if not phones:
            raise IntentFileError(path, number, f"{word!r} has no phones after it")
        unknown = [p for p in phones if p not in PHONES]
        if unknown:
            known = " ".join(sorted(PHONES))
            raise IntentFileError(
                path, number, f"unknown phone {unknown[0]!r} (the phones are {known})"
            )
        said = lexicon.setdefault(word, [])
        if phones not in said:
            said.append(phones)
    return lexicon
