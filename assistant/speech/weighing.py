"""Weighing a request read from speech addressed to Hearth: whether the engine's own
figures back it, whether Hearth should name it back and ask before acting, and whether
its length was heard right.

The listener decides *when* speech is over and *which* reading to take; this module
judges the reading it took. Its figures (`Weighing.evidence`) are numbers only, never
words, and nothing here is kept beyond the call.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from assistant.nlu.intent import Intent
from assistant.nlu.safety import SAFETY
from assistant.speech.types import Recognizer, Utterance, Word
from assistant.speech.wake import WakePhrase, words

if TYPE_CHECKING:  # the listener's config; the listener imports this module
    from assistant.speech.listener import ListenerConfig

Default = TypeVar("Default", float, None)
"""What `Weighing._bar` gives when neither the config nor the engine sets a bar."""

_DURATION_TEXT = """one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    ninety hundred half quarter couple few second seconds minute minutes hour hours"""
DURATION_WORDS = frozenset(_DURATION_TEXT.split())
"""Words of a length ("three minutes", "half an hour")."""

UNSURE_DURATION = "<duration?>"
"""Appended to a command's text when its length was misheard (see `Weighing.length_lost`):
the dialog must ask how long instead of using a default length."""


def _best_posteriors(heard: Iterable[Word]) -> dict[str, float]:
    """Each word of the engine's reading with the highest posterior it was given (a word
    said twice keeps its surer one)."""
    conf: dict[str, float] = {}
    for w in heard:
        conf[w.word] = max(conf.get(w.word, 0.0), w.confidence)
    return conf


class Weighing:
    """The bars a request read from speech passes, and the figures they are set on.

    `recognizer` gives the engine's figures and other readings of the same speech;
    `config` the bars (`ListenerConfig`; a bar left None there is the engine's own);
    `parse` is the NLU; `phrases` are the command model's sentences, which a request
    heard word for word as one of them is trusted more than one that is not.
    """

    def __init__(
        self,
        recognizer: Recognizer,
        config: ListenerConfig,
        parse: Callable[[str], Intent] | None,
        wake: WakePhrase,
        phrases: Iterable[str],
    ) -> None:
        self.recognizer = recognizer
        self.config = config
        self.parse = parse
        self.wake = wake
        self.phrases = sorted(frozenset(phrases))
        """The command model's sentences in order (the listener looks up longer ones)."""
        self.phrase_set = frozenset(self.phrases)
        self._phrase_words: list[tuple[str, ...]] | None = None  # made when first needed

    def prepare(self) -> None:
        """Make now what the first reading would otherwise wait for: the command model's
        sentences as words, to measure readings against (about 30 ms and 2 MB for
        16,000 sentences; the words are shared between sentences)."""
        if self._phrase_words is None:
            self._phrase_words = [tuple(map(sys.intern, p.split())) for p in self.phrases]

    def words_dropped(self, evidence: dict[str, float]) -> bool:
        """The request chosen leaves out words the engine heard after the wake phrase,
        and its support is not high enough to act on it all the same."""
        dropped = self.config.check_dropped_words
        if dropped is None or evidence["heard"] - evidence["n"] < dropped:
            return False
        return evidence["support"] < self.config.check_dropped_below

    def loose(self, said: str) -> bool:
        """`said` is only loosely a request: it is none of the command model's own
        sentences, and the NLU reads it under `check_below_confidence` or it is
        `check_beyond_edits` words or more from every one of those sentences (unless
        it holds free text, which no sentence has)."""
        if self.parse is None or said in self.phrase_set:
            return False
        intent = self.parse(said)
        if intent.confidence < self.config.check_below_confidence:
            return True
        beyond = self.config.check_beyond_edits
        if beyond is None or intent.slots.get("text") or intent.name == SAFETY:
            # Free text ("add appreciation <anything>") is no sentence's; a call for help
            # is said in words of its own and has its own bar (`safety_check_below`).
            return False
        return self._edits_from_sentences(said, beyond) >= beyond

    def _edits_from_sentences(self, said: str, cutoff: int) -> int:
        """The fewest word edits from `said` to one of the command model's sentences
        (`cutoff` when it is that many or more; about 3 ms over 16,000 sentences)."""
        self.prepare()
        assert self._phrase_words is not None
        if not self._phrase_words:
            return 0  # no sentences known: nothing to measure against
        best = process.extractOne(
            said.split(), self._phrase_words, scorer=Levenshtein.distance, score_cutoff=cutoff
        )
        return int(best[1]) if best is not None else cutoff

    def _bar(self, name: str, default: Default) -> float | Default:
        """The config's bar `name`, else the engine's own (its figures are on its own
        scale), else `default`."""
        value = getattr(self.config, name)
        return value if value is not None else getattr(self.recognizer, name, default)

    def asks_about_help(self, evidence: dict[str, float]) -> bool:
        """A declined reading of a call for help has enough support to be asked about."""
        floor = self._bar("safety_min_support", None)
        return floor is not None and evidence["support"] >= floor

    def check_bar(self, meaning: str | None) -> float:
        """The support under which a request after the wake phrase is asked about first."""
        bar = self._bar("check_below", 0.0)
        if meaning == SAFETY:
            safety_bar = self._bar("safety_check_below", None)
            bar = bar if safety_bar is None else max(bar, safety_bar)
        return bar

    def second_evidence(self, said: str, meaning: str, utt: Utterance) -> dict[str, float] | None:
        """The evidence for `said` (a request of intent `meaning`) in the engine's second
        reading of the same speech (with the whole utterance's voice estimate), when that
        reading backs it and the quick one did not; None otherwise. The quick pass reads
        with a mean estimated from the first moments of speech and can lose a command its
        other readings found ("give us a minute" read as "the lot deleted", the strict
        grammar and the second pass both "give us a minute"): its posteriors then back
        none of the command's words. The second pass is the engine's own reading with posteriors of
        its own. Being a second chance, it must read as the same request and clear a
        higher bar (`ListenerConfig.second_min_support`); evidence it gave is marked
        `second` = 1."""
        reread = getattr(self.recognizer, "reread", None)
        second = reread() if reread is not None else None
        if second is None:
            return None
        has_wake, rest = self.wake.split(second.text)
        same_edges = has_wake == self.wake.split(utt.text)[0]
        if not same_edges or not rest or self.parse(rest).name != meaning:  # type: ignore[misc]
            return None  # other speech edges, or another request (or none) heard
        evidence = {**self.evidence(said, second), "second": 1.0}
        if evidence["support"] < self.config.second_min_support or not self.supported(evidence):
            return None
        return evidence

    def supported(self, evidence: dict[str, float]) -> bool:
        """The command reading is backed by the engine's own reading (word posteriors,
        words heard as no command word) and, when there is one, by the open reading.
        The bars are the engine's own (its figures are on its own scale) unless the
        config sets them."""
        support, agree = self._bar("min_support", 0.0), self._bar("min_agree", 0.0)
        if evidence["support"] < support:
            return False
        return not evidence["open"] or evidence["agree"] >= agree

    def _open_words(self, utt: Utterance) -> set[str]:
        """The words of the open-vocabulary reading of the last speech heard after the
        wake phrase of `utt` (empty when the engine has no such reading)."""
        reading = getattr(self.recognizer, "open_reading", None)
        opened = reading() if reading is not None else None
        if opened is None:
            return set()
        lead, _ = self.wake.request_start(utt.text, len(utt.words))
        wake_end = utt.words[lead - 1].end if lead else 0.0
        # Tolerance: the two readings place word edges a few frames apart.
        return {w.word for w in opened.words if w.start >= wake_end - 0.05}

    def length_lost(self, rest: str, utt: Utterance) -> bool:
        """The engine's own reading holds a number or time word ("three", "minutes") that
        the chosen command reading lacks, and that command takes a length: the length
        was misheard, and the default must not stand in for it. So does another of the
        engine's readings of the same speech that names the same request with a length
        when the chosen one names none ("we need a free we need to timeout", and among
        its other readings "we need a three minutes timeout")."""
        intent = self.parse(rest)  # type: ignore[misc]
        if "seconds" not in intent.slots:
            return False
        _, heard = self.wake.split(utt.text)
        heard_words = set(words(heard)) | self._open_words(utt)
        if DURATION_WORDS.intersection(heard_words) - set(words(rest)):
            return True
        # (utt's own text holds no length word here: any would have been lost above)
        return self._says_no_length(rest) and self.holds_a_length(utt, intent.name)

    def length_disputed(self, rest: str, utt: Utterance, evidence: dict[str, float]) -> bool:
        """`rest` names a request with a length, another of the engine's readings of the
        same speech names the same request with another length ("... break for twenty
        minutes", and among its other readings "... break for ten minutes"), and
        `ListenerConfig.asks_disputed_length` is on. The figures go into `evidence`:
        `length_other` (1 when disputed) and `length_conf` (the lowest posterior of the
        chosen length's words)."""
        if self._says_no_length(rest):
            return False
        intent = self.parse(rest)  # type: ignore[misc]
        seconds = intent.slots.get("seconds")
        if seconds is None:
            return False
        others = {self._length_named(r, intent.name) for r in (utt.text, *utt.alternatives)}
        disputed = bool(others - {None, seconds})
        conf = _best_posteriors(utt.words)
        sure = min(conf.get(w, 0.0) for w in words(rest) if w in DURATION_WORDS)
        evidence["length_other"], evidence["length_conf"] = float(disputed), sure
        return disputed and self.config.asks_disputed_length

    def _length_named(self, reading: str, name: str) -> int | None:
        """The length, in seconds, that `reading` (a whole reading, wake phrase and all)
        gives request `name`; None when it names another request or no length."""
        _, rest = self.wake.split(reading)
        if self._says_no_length(rest):
            return None
        intent = self.parse(rest)  # type: ignore[misc]
        return intent.slots.get("seconds") if intent.name == name else None

    def _says_no_length(self, rest: str) -> bool:
        return not DURATION_WORDS.intersection(words(rest))

    def holds_a_length(self, final: Utterance, name: str) -> bool:
        """One of the engine's readings of the speech (`final` and its alternatives)
        names request `name` with a length."""
        readings = (final.text, *final.alternatives)
        return any(self._length_named(r, name) is not None for r in readings)

    def length_unsaid(self, rest: str) -> bool:
        """`rest`, a reading after the wake phrase (a length marker aside), is a request
        that takes a length and says none."""
        rest = rest.removesuffix(UNSURE_DURATION).strip()
        if not rest or self.parse is None or not self._says_no_length(rest):
            return False
        return "seconds" in self.parse(rest).slots

    def default_length_unsure(self, rest: str) -> bool:
        """`rest`, a reading after the wake phrase, is a request that takes a length, says
        none, and is word for word none of the command model's sentences."""
        return rest not in self.phrase_set and self.length_unsaid(rest)

    def evidence(self, rest: str, utt: Utterance) -> dict[str, float]:
        """How well the engine's own best reading (with its word posteriors) supports
        the command reading `rest` that was chosen."""
        lead, _ = self.wake.request_start(utt.text, len(utt.words))
        heard = list(utt.words[lead:])
        conf = _best_posteriors(heard)
        chosen = rest.split()  # the engine's own words (any script), as `conf` has them
        support = [conf.get(w, 0.0) for w in chosen]
        lm = [w.confidence for w in heard]
        opened = self._open_words(utt)
        share = len(heard) / (len(heard) + utt.unknown) if heard else 0.0
        return {
            "support": share * sum(support) / len(support) if support else 0.0,
            "agree": sum(w in opened for w in chosen) / len(chosen) if chosen else 0.0,
            "open": float(bool(opened)),
            "support_raw": sum(support) / len(support) if support else 0.0,
            "support_min": min(support) if support else 0.0,
            "lm_mean": sum(lm) / len(lm) if lm else 0.0,
            "lm_min": min(lm) if lm else 0.0,
            "same": float(" ".join(w.word for w in heard) == " ".join(chosen)),
            "unknown": float(utt.unknown),
            "heard": float(len(heard)),
            "n": float(len(chosen)),
        }
