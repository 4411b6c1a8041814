"""Words of background talk read at the edges of a command are left out (background.py,
`SphinxRecognizer.background_below_db`).

The level measure is tested on a made signal; the trimming through the real
PocketSphinx command model, real Flite and espeak-ng speech and the real NLU.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.speech.background import without_background, word_levels
from assistant.speech.types import SAMPLE_RATE, Word


def _tone(seconds: float, dbfs: float) -> np.ndarray:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return np.sin(2 * np.pi * 220 * t) * np.sqrt(2) * 10 ** (dbfs / 20)


def _pcm(*parts: np.ndarray) -> bytes:
    return (np.concatenate(parts) * 32767).astype("<i2").tobytes()


def test_a_words_level_is_that_of_its_loud_frames() -> None:
    # 0.3 s at -10 dBFS, then 0.3 s at -30 dBFS; the audio starts at stream time 2.0.
    audio = _pcm(_tone(0.3, -10), _tone(0.3, -30))
    words = [Word("loud", 2.0, 2.3), Word("quiet", 2.3, 2.6), Word("after", 2.7, 2.9)]
    loud, quiet, after = word_levels(words, audio, audio_start=2.0)
    assert loud == pytest.approx(-10, abs=0.5)
    assert quiet == pytest.approx(-30, abs=0.5)
    assert after == float("-inf")  # no audio there
    # A word mostly quiet but with a loud vowel is as loud as its vowel.
    (mixed,) = word_levels([Word("mixed", 2.2, 2.6)], audio, 2.0)
    assert mixed > -15


def test_only_quiet_words_at_the_edges_are_left_out() -> None:
    audio = _pcm(*(_tone(0.2, db) for db in (-40, -10, -30, -12, -35, -38)))
    said = ["so", "we", "a", "minute", "the", "call"]
    words = [Word(w, i * 0.2, (i + 1) * 0.2) for i, w in enumerate(said)]
    kept = without_background(words, audio, 0.0, margin_db=15)
    # "a" (20 dB under) stays between two loud words; "so", "the", "call" go.
    assert [w.word for w in kept] == ["we", "a", "minute"]
    assert [w.word for w in without_background(words, audio, 0.0, margin_db=40)] == [
        w.word for w in words
    ]
    assert without_background([], audio, 0.0, 15) == ()


@pytest.fixture(scope="module")
def untrimmed_sphinx(parser):
    """The product recognizer without the trimming: what the command model reads."""
    from assistant.speech.grammar import grammar_from_parser
    from assistant.speech.sphinx_engine import SphinxRecognizer

    return SphinxRecognizer(grammar_from_parser(parser, "hey hearth"), background_below_db=None)


def _babble(synth_pcm, seconds: float) -> np.ndarray:
    """Three people talking at once (espeak-ng voices), `seconds` long."""
    talk = [
        ("and then she told me the whole story about the wedding and the weather", "en-us+m1"),
        ("we could go to the market on saturday if the car is fixed by then", "en-us+f3"),
        ("my brother called about the tickets for the game next week", "en-gb"),
    ]
    size = int(seconds * SAMPLE_RATE)
    voices = [synth_pcm(text, ["-v", voice, "-s", "160"]) for text, voice in talk]
    return sum(np.resize(np.frombuffer(v, dtype="<i2").astype(float), size) for v in voices)


def _over_babble(command: bytes, synth_pcm, below_db: float) -> bytes:
    """`command` with 0.3 s of quiet before it and 1 s after, while three other people
    talk on throughout, together `below_db` quieter than the command."""
    said = np.frombuffer(command, dtype="<i2").astype(float)
    said = np.concatenate([np.zeros(4800), said, np.zeros(SAMPLE_RATE)])
    other = _babble(synth_pcm, len(said) / SAMPLE_RATE)
    other *= np.sqrt(np.mean(said[said != 0] ** 2) / 10 ** (below_db / 10) / np.mean(other**2))
    return np.clip(said + other, -32768, 32767).astype("<i2").tobytes()


def _heard(listen, recognizer, parse, pcm: bytes) -> list[str]:
    """What the listener hands on, through the settings' front end, as `hearth run`."""
    from assistant.config import Settings
    from assistant.speech.front_end import FrontEndConfig
    from assistant.speech.listener import ListenerConfig

    front_end = FrontEndConfig.from_settings(Settings()).create()
    config = ListenerConfig(wake_phrase="hey hearth")
    return [h.text for h in listen(recognizer, pcm, parse, config, front_end=front_end)]


def test_a_command_over_quieter_talk_is_heard_without_the_talk(
    listen, product_sphinx, untrimmed_sphinx, parser, flite_pcm, synth_pcm
) -> None:
    """Flite rms says "hey hearth, time for our walk" while three people talk 20 dB
    quieter. The command model reads words of theirs into the command, and the whole
    is declined; without them it is the walk."""
    pcm = _over_babble(flite_pcm("hey hearth time for our walk", "rms"), synth_pcm, 20)
    before = _heard(listen, untrimmed_sphinx, parser.parse, pcm)
    assert [parser.parse(text).name for text in before] in ([], ["none"]), before
    heard = _heard(listen, product_sphinx, parser.parse, pcm)
    intents = [parser.parse(text) for text in heard]
    assert [(i.name, i.slots.get("ritual")) for i in intents] == [("ritual", "walk")], heard


def test_the_reading_ends_where_the_command_does(
    listen, product_sphinx, untrimmed_sphinx, parser, flite_pcm, synth_pcm
) -> None:
    """Flite kal16, "hey hearth, extend it by five minutes", over the same talk: the
    words read after "minutes" are the other people's."""
    pcm = _over_babble(flite_pcm("hey hearth extend it by five minutes"), synth_pcm, 20)
    (before,) = _heard(listen, untrimmed_sphinx, parser.parse, pcm)
    assert before.startswith("extend it by five minutes ") and len(before.split()) > 5
    assert _heard(listen, product_sphinx, parser.parse, pcm) == ["extend it by five minutes"]
