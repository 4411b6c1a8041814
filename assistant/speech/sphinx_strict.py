"""The strict grammar's reading of an utterance, ready when the speech ends.

The command model (a trigram model of the command sentences) lets a sentence it
has not seen through, but it also lets a misheard word wander off ("ask us a look
where us tonight" for "ask us the question"). A strict JSGF grammar of the command
sentences forces the reading onto a known sentence or its filler path, and the
listener asks for it when the model's readings were not a command
(`SphinxRecognizer.reread(strict=True)`).

That grammar's search costs a quarter to a third of the speech's duration
(measured: 0.6-1.2 s for commands of 2.3-3.8 s), too slow to start only once the
speech has ended: Hearth answered such commands about 2 s after they ended. So a
second decoder, with the grammar alone, follows the utterance while it is being
heard and catches up on what it missed faster than real time; at the end of
speech its reading costs about 10 ms.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from assistant.speech.cmn import start_pass
from assistant.speech.grammar import Fsg
from assistant.speech.types import SAMPLE_RATE

_SEARCH = "hearth_strict"
CATCH_UP = 3
"""Audio fed per call, as a multiple of the audio that came in: the follower starts
behind (at the moment the utterance's mean is known) and must not stall the caller."""


class StrictFollower:
    """A PocketSphinx decoder with only the strict command grammar (or the open
    language model), fed alongside the main one.

    Args:
        pocketsphinx: the imported module.
        jsgf: the grammar: JSGF text (`grammar.compile_jsgf`) or a word automaton
            (`grammar.compile_fsg`, what the recognizer uses: the same sentences, searched
            at under a third of the cost); None for the bundled open model.
        options: PocketSphinx settings shared with the main decoder.
        dictionary: a pronunciation dictionary file (default: the bundled full one).
    """

    def __init__(
        self,
        pocketsphinx,
        jsgf: str | Fsg | None,
        options: dict[str, object],
        dictionary: str | None = None,
    ) -> None:
        if jsgf is None:
            # The open reading: the bundled language model of everyday English, no
            # lattice (see `SphinxRecognizer.reread(open_vocabulary=True)`).
            self.decoder = pocketsphinx.Decoder(
                logfn=os.devnull, dither=False, **{**options, "bestpath": False}
            )
        else:
            # No language model (it would load the bundled one: 27 MB for nothing), no
            # lattice best path (it cost up to 0.3 s at the end and read no better: 37
            # against 36 of 50 tune-split commands). `dictionary`: a pronunciation file
            # holding only the grammar's words (loading the full one took most of the
            # start).
            extra: dict[str, object] = {"dict": dictionary} if dictionary else {}
            # Alternative pronunciations ("hearth(2)") as arcs of their own: PocketSphinx
            # adds them itself (`fsgusealtpron`) by scanning every arc once per
            # alternative word, 85% of the follower's build; the same arcs added here
            # took it from 1.26 s to 0.19 s (load 6) and read the same.
            own_alternatives = (
                isinstance(jsgf, Fsg) and dictionary and options.get("fsgusealtpron", True)
            )
            if own_alternatives:
                extra["fsgusealtpron"] = False
            self.decoder = pocketsphinx.Decoder(
                logfn=os.devnull,
                dither=False,
                **{**options, "lm": None, "bestpath": False, **extra},
            )
            if isinstance(jsgf, Fsg):
                arcs = jsgf.transitions
                if own_alternatives:
                    arcs = with_alternatives(arcs, str(dictionary))
                fsg = self.decoder.create_fsg(_SEARCH, jsgf.start, jsgf.final, arcs)
                self.decoder.add_fsg(_SEARCH, fsg)
            else:
                self.decoder.add_jsgf_string(_SEARCH, jsgf)
            self.decoder.activate_search(_SEARCH)
        self._backlog = bytearray()
        self.active = False

    @property
    def behind_s(self) -> float:
        """Seconds of the utterance heard but not decoded yet."""
        return len(self._backlog) / 2 / SAMPLE_RATE

    def begin(self, mean: str, audio: bytes) -> None:
        """Follow an utterance from its start, with cepstral mean `mean`;
        `audio` is what has been heard of it so far."""
        self.cancel()
        start_pass(self.decoder, mean)
        self._backlog += audio
        self.active = True

    def feed(self, pcm: bytes) -> None:
        """More of the utterance; decodes at most `CATCH_UP` times its length."""
        if not self.active:
            return
        self._backlog += pcm
        self._decode(CATCH_UP * len(pcm))

    def partial(self) -> str:
        """The grammar's reading so far ("" when not following)."""
        hyp = self.decoder.hyp() if self.active else None
        return hyp.hypstr if hyp is not None else ""

    def finish(self) -> None:
        """Decode what is left and end the search (its reading: `decoder.hyp()`)."""
        if not self.active:
            return
        self._decode(len(self._backlog))
        self.decoder.end_utt()
        self.active = False

    def cancel(self) -> None:
        if self.active:
            self.decoder.end_utt()
            self.active = False
        self._backlog.clear()

    def _decode(self, limit: int) -> None:
        limit -= limit % 2  # whole samples
        if self._backlog and limit > 0:
            self.decoder.process_raw(bytes(self._backlog[:limit]))
            del self._backlog[:limit]


def with_alternatives(arcs: tuple[tuple, ...], dictionary: str) -> tuple[tuple, ...]:
    """`arcs` (an `Fsg`'s transitions) and, for every word arc, one more arc of each
    alternative pronunciation of its word in `dictionary`, as PocketSphinx's
    `fsgusealtpron` adds them (same states, same probability)."""
    alternatives: dict[str, list[str]] = {}
    with open(dictionary, encoding="utf-8") as entries:
        for line in entries:
            head = line.split(maxsplit=1)[0] if line.strip() else ""
            if "(" in head:
                alternatives.setdefault(head.split("(", 1)[0], []).append(head)
    extra = [
        (*arc[:3], other)
        for arc in arcs
        if len(arc) == 4  # (from, to, probability, word); three: an empty arc
        for other in alternatives.get(arc[3], ())
    ]
    return (*arcs, *extra)


def grammar_dictionary(
    full_dictionary: str, jsgf: str, folder: str, non_rhotic_too: Iterable[str] = ()
) -> str:
    """A pronunciation file in `folder` with the entries of `full_dictionary` (every
    pronunciation, alternatives included) for the words in `jsgf` (a grammar's text, or
    its words separated by spaces); its path. The entries are cut and cached by
    `sphinx_dict.trim_dictionary` (`non_rhotic_too`: the wake phrase's words)."""
    from assistant.speech.sphinx_dict import trim_dictionary

    words = set(re.findall(r"[a-z][a-z'.\-]*", jsgf.lower()))
    trimmed = trim_dictionary(full_dictionary, words, non_rhotic_too)
    return trimmed.write(folder, "grammar.dict")
