"""The wake phrase: does a heard text start with it, and what follows it?

Recognizers spell the same words a little differently and people often drop the
greeting ("hearth, pause"), so the phrase's last word (the name) alone counts too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.nlu.normalize import WAKE_WORDS

_WORD = re.compile(r"[a-z0-9']+")

SOUND_ALIKES = {"hearth": WAKE_WORDS}
"""Spellings a recognizer may give for a wake name: the NLU's list, so `hearth parse`
and the listener agree on what counts as the name."""


def words(text: str) -> list[str]:
    """Lower-case words without punctuation."""
    return _WORD.findall(text.lower().replace("’", "'"))


@dataclass(frozen=True)
class WakePhrase:
    """A configured wake phrase such as "hey hearth".

    Attributes:
        phrase: the phrase as configured.
    """

    phrase: str

    @property
    def tokens(self) -> list[str]:
        return words(self.phrase)

    def split(self, text: str) -> tuple[bool, str]:
        """(True, rest) when `text` starts with the wake phrase, else (False, text)."""
        heard = words(text)
        wake = self.tokens
        if not wake or not heard:
            return False, " ".join(heard)
        name = wake[-1]
        names = SOUND_ALIKES.get(name, (name,))
        lead = wake[:-1]
        if heard[: len(lead)] == lead and len(heard) > len(lead) and heard[len(lead)] in names:
            return True, " ".join(heard[len(wake) :])
        if heard[0] in names:
            return True, " ".join(heard[1:])
        return False, " ".join(heard)

    def mentioned(self, text: str) -> bool:
        """True when the name occurs anywhere in `text` (used to ignore Hearth's own lines)."""
        names = SOUND_ALIKES.get(self.tokens[-1], (self.tokens[-1],)) if self.tokens else ()
        return any(w in names for w in words(text))
