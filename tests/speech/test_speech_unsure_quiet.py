"""Speech after the wake phrase whose reading so far is no request to act on (declined,
or to be asked about) waits a longer quiet before Hearth answers: the person may not be
done ("hey hearth we need ... a three minute time out", read "we need" at the pause,
then "we made", and asked about as a small win). Speech that goes on is read on from its
start (`ListenerConfig.unsure_quiet_s`).

Scripted engine and voice detector for the timing; Flite speech with a pause through the
real PocketSphinx engine for the case it was made for (the rooms benchmark's tune half,
`asr_rooms.py --length-pause`)."""

from __future__ import annotations

from assistant.nlu.intent import NONE, Intent
from assistant.speech.listener import Heard, ListenerConfig

from . import scripted
from .conftest import voiced
from .scripted import Script, ScriptedEngine

START, WHOLE = "hey hearth give us", "hey hearth give us five minutes"
REQUESTS = {"give us five minutes": 300}
# (A sure request is acted on as soon as before: test_speech_length_pause.py, with every
# wait of the product's on.)


def parse(text: str) -> Intent:
    if text not in REQUESTS:
        return Intent(NONE, {}, 0.0, text)
    return Intent("pause", {"seconds": REQUESTS[text]}, 0.95, text)


def listen(
    script: Script, until: float, **config: float | None
) -> tuple[list[Heard], ScriptedEngine]:
    settings = ListenerConfig(**config)  # type: ignore[arg-type]
    return scripted.listen(script, until, parse, settings, list(REQUESTS))


def start_then_rest(pause: float) -> Script:
    return Script([(0.5, 1.5, START, START), (1.5 + pause, 2.5 + pause, WHOLE, WHOLE)])


def test_a_pause_after_words_that_are_no_request_yet_is_not_the_end() -> None:
    heard, engine = listen(start_then_rest(0.3), until=4.0)  # the product's wait
    assert [(h.text, h.declined) for h in heard] == [("give us five minutes", False)]
    assert engine.resumed >= 1


def test_without_the_rule_the_start_is_declined_in_the_pause() -> None:
    heard, _ = listen(start_then_rest(0.3), until=4.0, unsure_quiet_s=None)
    assert [h.declined for h in heard][:1] == [True]
    assert heard[0].t <= 1.5 + 0.3
    assert "give us five minutes" not in [h.text for h in heard]


def test_words_that_stay_no_request_are_declined_before_the_engines_end_of_speech() -> None:
    heard, _ = listen(Script([(0.5, 1.5, START, START)]), until=2.5)
    assert [h.declined for h in heard] == [True]
    assert 1.5 + 0.35 <= heard[0].t < 1.5 + 0.39, heard[0].t


def test_speech_without_the_wake_phrase_is_let_go_as_before() -> None:
    said = "give us five minutes"
    heard, _ = listen(Script([(0.5, 1.5, said, said)]), until=2.5)
    assert heard == []


def test_flite_pausing_inside_a_request_gets_the_whole(heard_as_run, parser, flite_pcm) -> None:
    """A tune voice of the rooms benchmark (Flite `rms`), 0.3 s of silence after "we
    need"."""
    head = voiced(flite_pcm("hey hearth we need", "rms"))
    tail = voiced(flite_pcm("a three minute time out", "rms"))
    speech = head + bytes(int(0.3 * 32000)) + tail

    def first(config: ListenerConfig) -> tuple[str, object, bool]:
        heard = heard_as_run("", speech=speech, config=config)
        intent = parser.parse(heard[0].text)
        return intent.name, intent.slots.get("seconds"), heard[0].unsure

    assert first(ListenerConfig()) == ("pause", 180, False)
    # Without the rule the start is read at the pause ("we made") and asked about.
    assert first(ListenerConfig(unsure_quiet_s=None))[::2] == ("win", True)
