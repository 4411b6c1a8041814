"""A request that takes a length and was heard without one gets the default length only
when nothing suggests a length was said: a misheard length must never become another.

Read early, such a request waits for the readings of the whole unless it is word for
word one of the command sentences; read whole, it is asked how long when another of the
engine's readings names the same request with a length. Scripted readings isolate the
rule; espeak-ng speech through the real PocketSphinx engine shows it where it was seen
(the rooms benchmark's tune half, 2026-12-07).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.speech.listener import UNSURE_DURATION, Listener, ListenerConfig

from .conftest import TwoPassEngine, said

GARBLED = "hey hearth we need a free we need to timeout"


def decided(parser, final: str, alternatives: tuple[str, ...]) -> list[str]:
    utterance = replace(said(final, 0.9), alternatives=alternatives)
    engine = TwoPassEngine(utterance, strict=None, second=None)
    listener = Listener(engine, ListenerConfig(wake_phrase="hey hearth"), parse=parser.parse)  # type: ignore[arg-type]
    return [h.text for h in listener.feed(bytes(640), 0.02) if not h.declined]


def test_another_reading_with_the_same_request_and_a_length_asks_how_long(parser) -> None:
    others = (
        "hey hearth we need a three we need to timeout",
        "hey hearth we need a three minutes timeout",
    )
    [text] = decided(parser, GARBLED, others)
    assert text.endswith(f" {UNSURE_DURATION}")
    got = parser.parse(text)
    assert (got.name, got.slots["seconds"], got.slots.get("unclear")) == ("pause", None, True)


@pytest.mark.parametrize(
    "others",
    [
        (),  # nothing suggests a length: the default minute
        ("hey hearth give us three minutes of space",),  # a length of another request
        ("hey hearth what a free time",),  # no request at all
    ],
)
def test_without_such_a_reading_the_default_stands(parser, others) -> None:
    [text] = decided(parser, GARBLED, others)
    assert parser.parse(text).slots == {"seconds": 60}


def test_a_length_heard_is_not_second_guessed_by_other_readings(parser) -> None:
    heard = "hey hearth we need a break for ten minutes"
    [text] = decided(parser, heard, ("hey hearth we need a break for two minutes",))
    assert parser.parse(text).slots == {"seconds": 600}


def test_a_three_minute_time_out_is_never_the_default_minute(
    listen, product_sphinx, parser, synth_pcm
) -> None:
    """espeak-ng's "three minute" was read early as "a free we need to": acted on at once
    as a one-minute pause. Now it is read whole, and asked how long (or heard right)."""
    heard = listen(
        product_sphinx, synth_pcm("hey hearth we need a three minute time out"), parser.parse
    )
    assert len(heard) == 1 and not heard[0].early
    got = parser.parse(heard[0].text)
    assert got.name == "pause"
    assert got.slots["seconds"] == 180 or (got.slots["seconds"], got.slots.get("unclear")) == (
        None,
        True,
    )


def test_a_sentence_without_a_length_is_still_decided_early(
    listen, product_sphinx, parser, synth_pcm
) -> None:
    heard = listen(product_sphinx, synth_pcm("hey hearth we need a break"), parser.parse)
    assert [(h.text, h.early) for h in heard] == [("we need a break", True)]
    assert parser.parse(heard[0].text).slots == {"seconds": 60}
