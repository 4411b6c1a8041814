"""The wake phrase: does a heard text start with it, and what follows it?

Recognizers spell the same words a little differently and people often drop the
greeting ("hearth, pause"), so the phrase's last word (the name) alone counts too.
When a television or other talk keeps the speech going, the reading can begin with a
few of its words ("leave hey hearth start a pause"): the whole phrase still counts
there, a little way in (`MAX_LEAD_IN`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.nlu.normalize import WAKE_WORDS

_WORD = re.compile(r"[a-z0-9']+")

MAX_LEAD_IN = 4
"""Words of other speech a reading may hold before the whole wake phrase. In TV and
babble noise the endpointer hears speech throughout, so the command's utterance
starts with the noise read as words: in `asr_rooms.py` (tune voices, 24 per condition),
14 of 216 commands and 10 of 216 sentences of talk after the wake phrase were read with
1-5 words before "hey hearth". The name alone never counts after other words ("we
called it hearth" is not addressed to Hearth)."""

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
        """(True, rest) when `text` starts with the wake phrase (or holds the whole
        phrase after at most `MAX_LEAD_IN` other words), else (False, text)."""
        heard = words(text)
        wake = self.tokens
        if not wake or not heard:
            return False, " ".join(heard)
        name = wake[-1]
        names = SOUND_ALIKES.get(name, (name,))
        lead = wake[:-1]

        def whole_at(i: int) -> bool:
            """The whole phrase (a sound-alike name allowed) begins at word `i`."""
            end = i + len(lead)
            return heard[i:end] == lead and len(heard) > end and heard[end] in names

        if whole_at(0):
            return True, " ".join(heard[len(wake) :])
        if heard[0] in names:
            return True, " ".join(heard[1:])
        if lead:  # the name alone never counts after other words
            for i in range(1, MAX_LEAD_IN + 1):
                if whole_at(i):
                    return True, " ".join(heard[i + len(wake) :])
        return False, " ".join(heard)

    def request_start(self, text: str, n_words: int) -> tuple[int, str]:
        """Where the request begins in a reading of `n_words` timed words whose text is
        `text`: (how many words come first, the wake phrase and any lead-in, `split`'s
        rest). (0, text) when `text` is not addressed or its rest has more words than
        the reading. The word times place the end of the wake phrase in the audio."""
        has_wake, rest = self.split(text)
        lead = n_words - len(rest.split())
        return (lead, rest) if has_wake and 0 < lead <= n_words else (0, rest)

    def opens(self, text: str) -> tuple[bool, str]:
        """Like `split`, for a quick (partial) reading, which may also have the
        phrase's first words and then one other word where the name should be: a
        front end that takes the breath out of "hearth" leaves "hey if we need a
        minute" there while the reading of the whole has "hey hearth". For where to
        listen closely and when speech may be over, never for acting on it."""
        has_wake, rest = self.split(text)
        if has_wake:
            return has_wake, rest
        heard, wake = words(text), self.tokens
        lead = wake[:-1]
        if lead and heard[: len(lead)] == lead and len(heard) > len(wake):
            return True, " ".join(heard[len(wake) :])
        return False, rest

    def mentioned(self, text: str) -> bool:
        """True when the name occurs anywhere in `text` (used to ignore Hearth's own lines)."""
        names = SOUND_ALIKES.get(self.tokens[-1], (self.tokens[-1],)) if self.tokens else ()
        return any(w in names for w in words(text))
