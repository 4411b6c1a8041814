"""An answer to Hearth's question, found inside a longer reading of noisy speech.

When Hearth asks "did you want a pause?", the couple's "yeah, go ahead" is often read
with words of the room's noise around it: "yeah go ahead what what" in television
noise, "when will yes that's right what going" in babble. Read whole, that means
nothing, and the question is let go: 13 of the 30 yeses after a question in the rooms
benchmark's tune split were lost, most of them this way (docs/hearing.md).

The answer is looked for among the reading's short stretches of words, and taken
only when

- one stretch reads as a yes or a no (never both) and holds a word that is one
  (`ANSWER_WORDS`: "let's" and "okay" alone are yeses to the NLU, and talk is full
  of them);
- the engine was unsure of the words around it (their mean confidence below a bar):
  talk that goes on after the question ("the walk yesterday was nice", read as "walk
  enough hearth yes today was nice") is heard surely, noise is not.

Off by default (`ListenerConfig.answer_noise_below`): on the held-out half it acted on
as much talk as it gained yeses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.nlu.intent import Intent

ANSWER_WORDS = {
    "yes": frozenset({"yes", "yeah", "yep", "yup"}),
    "no": frozenset({"no", "nope", "nah"}),
}
"""The words that make a stretch of a reading an answer (by the answer it gives)."""

MAX_ANSWER_WORDS = 5
"""The longest stretch read as an answer ("yes that's right", "yeah go ahead")."""

MIN_NLU_CONFIDENCE = 0.85
"""How surely the NLU must read the stretch as the answer."""


def answer_within(
    heard: Sequence[tuple[str, float]],
    parse: Callable[[str], Intent],
    noise_below: float,
) -> str | None:
    """The stretch of `heard` that answers a yes-or-no question, or None.

    Args:
        heard: the engine's reading as (word, confidence) pairs, in order.
        parse: the NLU.
        noise_below: the words around the answer must have a mean confidence under
            this: the engine took them for noise, not for more of what was said.
    """
    said = [word for word, _ in heard]
    found: dict[str, tuple[int, int]] = {}
    for length in range(min(MAX_ANSWER_WORDS, len(said)), 0, -1):
        for start in range(len(said) - length + 1):
            stretch = said[start : start + length]
            intent = parse(" ".join(stretch))
            gives = ANSWER_WORDS.get(intent.name)
            if gives and intent.confidence >= MIN_NLU_CONFIDENCE and gives.intersection(stretch):
                found.setdefault(intent.name, (start, length))  # the longest, then first
    if len(found) != 1:
        return None  # no answer, or a yes and a no: not guessed
    ((start, length),) = found.values()
    around = [conf for i, (_, conf) in enumerate(heard) if not start <= i < start + length]
    if not around or sum(around) / len(around) >= noise_below:
        return None
    return " ".join(said[start : start + length])
