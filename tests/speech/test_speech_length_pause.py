"""A request that takes a length and says none ("let's take a break") is not acted on at
the first short quiet: people pause before the length ("let's take a break ... for ten
minutes"), and the default minute must not stand in for the length about to be said
(`ListenerConfig.length_pause_quiet_s`). Speech that goes on is read on from its start.

Scripted engine and voice detector for the timing; Flite speech with a pause through the
real PocketSphinx engine for the case it was made for (the rooms benchmark's tune half,
`asr_rooms.py --length-pause`)."""

from __future__ import annotations

from assistant.nlu.intent import NONE, Intent
from assistant.speech.listener import Heard, ListenerConfig

from . import scripted
from .conftest import voiced
from .scripted import Script, ScriptedEngine

BREAK, TEN = "hey hearth let's take a break", "hey hearth let's take a break for ten minutes"
LENGTHS = {
    "let's take a break": 60,  # the default: no length said
    "let's take a break for ten minutes": 600,
    "we need a minute": 60,
    "what time is it": None,
}


def parse(text: str) -> Intent:
    if text not in LENGTHS:
        return Intent(NONE, {}, 0.0, text)
    seconds = LENGTHS[text]
    name = "pause" if seconds is not None else "time"
    return Intent(name, {"seconds": seconds} if seconds else {}, 0.95, text)


def listen(
    script: Script, until: float, **config: float | None
) -> tuple[list[Heard], ScriptedEngine]:
    settings = ListenerConfig(**config)  # type: ignore[arg-type]
    return scripted.listen(script, until, parse, settings, list(LENGTHS))


def break_then_length(pause: float) -> Script:
    return Script([(0.5, 1.5, BREAK, BREAK), (1.5 + pause, 2.5 + pause, TEN, TEN)])


def test_a_pause_before_the_length_is_not_the_end_of_the_request() -> None:
    heard, engine = listen(break_then_length(0.3), until=4.0)
    assert [h.text for h in heard] == ["let's take a break for ten minutes"]
    assert engine.resumed >= 1


def test_without_the_rule_the_default_length_is_taken_in_the_pause() -> None:
    heard, _ = listen(break_then_length(0.3), until=4.0, length_pause_quiet_s=None)
    assert [h.text for h in heard][:1] == ["let's take a break"]
    assert heard[0].t < 1.5 + 0.3


def test_the_request_said_alone_is_acted_on_before_the_engines_end_of_speech() -> None:
    heard, _ = listen(Script([(0.5, 1.5, BREAK, BREAK)]), until=2.5)
    assert [(h.text, h.declined) for h in heard] == [("let's take a break", False)]
    assert 1.5 + 0.35 <= heard[0].t < 1.5 + 0.39, heard[0].t


def test_a_request_that_says_its_length_is_acted_on_as_soon_as_before() -> None:
    said = "hey hearth we need a minute"
    heard, _ = listen(Script([(0.5, 1.5, said, said)]), until=2.5)
    assert [h.text for h in heard] == ["we need a minute"]
    assert heard[0].t < 1.5 + 0.2, heard[0].t


def test_a_request_that_takes_no_length_is_acted_on_as_soon_as_before() -> None:
    said = "hey hearth what time is it"
    heard, _ = listen(Script([(0.5, 1.5, said, said)]), until=2.5)
    assert [h.text for h in heard] == ["what time is it"]
    assert heard[0].t < 1.5 + 0.2, heard[0].t


def test_flite_pausing_before_the_length_gets_that_length(heard_as_run, parser, flite_pcm) -> None:
    """A tune voice of the rooms benchmark, 0.3 s of silence before the length."""
    head = voiced(flite_pcm("hey hearth we need to cool off"))
    tail = voiced(flite_pcm("for fifteen minutes"))
    speech = head + bytes(int(0.3 * 32000)) + tail

    def lengths(config: ListenerConfig) -> list[object]:
        heard = heard_as_run("", speech=speech, config=config)
        return [parser.parse(h.text).slots.get("seconds") for h in heard if not h.declined]

    assert lengths(ListenerConfig(wake_phrase="hey hearth"))[:1] == [900]
    # Without the rule the default minute is taken in the pause.
    assert lengths(ListenerConfig(wake_phrase="hey hearth", length_pause_quiet_s=None))[:1] == [60]
