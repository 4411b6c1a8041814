"""An answer to Hearth's question read with words of the room's noise around it is
taken as the yes or no inside it (answers.py, `ListenerConfig.answer_noise_below`; off
by default), and only then.

Real NLU throughout; the real PocketSphinx command model, real Flite and espeak-ng
speech and the settings' front end for the answer said over other speech.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.speech.answers import answer_within
from assistant.speech.listener import ListenerConfig


def _words(text: str, confidences: list[float]) -> list[tuple[str, float]]:
    said = text.split()
    assert len(said) == len(confidences)
    return list(zip(said, confidences, strict=True))


# Readings of the rooms benchmark's tune split (docs/hearing.md), with the engine's
# word confidences.
@pytest.mark.parametrize(
    ("reading", "confidences", "answer"),
    [
        ("yeah go ahead what what", [0.01, 0.96, 0.76, 0.0, 0.11], "yeah go ahead"),
        (
            "when will yes that's right what going",
            [0.46, 0.84, 0.75, 0.9, 0.9, 0.24, 0.15],
            "will yes that's right",
        ),
        ("read me some yes better i we", [0.09, 0.02, 0.05, 0.77, 0.05, 0.17, 0.0], "yes"),
    ],
)
def test_the_answer_inside_noise_is_found(parser, reading, confidences, answer) -> None:
    assert parser.parse(reading).name == "none"
    found = answer_within(_words(reading, confidences), parser.parse, 0.5)
    assert found == answer
    assert parser.parse(found).name == "yes"


def test_talk_heard_surely_around_a_yes_is_not_an_answer(parser) -> None:
    # "the walk in the park yesterday was nice", said after a question about talk
    words = _words("walk enough hearth yes today was nice", [0.5, 0.0, 0.02, 0.32, 0.72, 1, 1])
    assert answer_within(words, parser.parse, 0.5) is None
    # Their mean confidence (0.64) is what tells them from noise.
    assert answer_within(words, parser.parse, 0.7) == "hearth yes"


def test_a_stretch_the_nlu_takes_for_a_yes_needs_an_answer_word(parser) -> None:
    # "let's" and "okay" alone read as yes, and talk is full of them.
    assert parser.parse("let's").name == parser.parse("okay").name == "yes"
    words = _words("let's walk activate tomorrow okay", [0.3, 0.1, 0.0, 0.1, 0.2])
    assert answer_within(words, parser.parse, 0.5) is None


def test_a_yes_and_a_no_in_one_reading_are_not_guessed(parser) -> None:
    words = _words("yes go ahead so no not now", [0.2, 0.3, 0.3, 0.1, 0.2, 0.2, 0.2])
    assert answer_within(words, parser.parse, 0.5) is None


def test_a_no_is_found_too(parser) -> None:
    words = _words("what no thank you the off", [0.1, 0.8, 0.9, 0.9, 0.05, 0.02])
    found = answer_within(words, parser.parse, 0.5)
    assert found is not None and found.startswith("no thank you")
    assert parser.parse(found).name == "no"


def _answer(listen, recognizer, parse, pcm: bytes, config: ListenerConfig) -> list[str]:
    """What the listener hands on for speech heard as the answer to a question, through
    the settings' front end."""
    from assistant.config import Settings
    from assistant.speech.front_end import FrontEndConfig

    front_end = FrontEndConfig.from_settings(Settings()).create()
    heard = listen(recognizer, pcm, parse, config, mode="answer", front_end=front_end)
    return [h.text for h in heard]


def test_a_yes_said_over_other_speech_is_heard(
    listen, product_sphinx, parser, flite_pcm, synth_pcm
) -> None:
    """Flite rms (a tune voice) says "yes that's right" while someone else talks, 15 dB
    quieter: the reading strings the other voice's words around it ("she yes that is
    right about that will be")."""
    answer = np.frombuffer(flite_pcm("yes that's right", "rms"), dtype="<i2").astype(float)
    other = synth_pcm(
        "and then she told me the whole story about the wedding and the weather will be "
        "cloudy with some sunny spells",
        ["-v", "en-us+m1", "-s", "160"],
    )
    said = np.concatenate([np.zeros(8000), answer, np.zeros(16000)])
    talk = np.frombuffer(other, dtype="<i2").astype(float)[: len(said)]
    talk *= np.sqrt(np.mean(answer**2) / 10**1.5 / np.mean(talk**2))
    pcm = np.clip(said + talk, -32768, 32767).astype("<i2").tobytes()

    before = _answer(listen, product_sphinx, parser.parse, pcm, ListenerConfig())
    assert [parser.parse(text).name for text in before] == ["none"], before
    assert ListenerConfig().answer_noise_below is None  # off unless asked for
    on = ListenerConfig(answer_noise_below=0.5)
    heard = _answer(listen, product_sphinx, parser.parse, pcm, on)
    assert [parser.parse(text).name for text in heard] == ["yes"], heard
    assert set(heard[0].split()) < set(before[0].split())
