"""Speech read to its end tentatively is held for the listener's wait, past the
endpointer's own end of it too: a pause before the rest ("hey hearth give us ... five
minutes to calm down") may be longer than the endpointer's window, and what the person
says after it is the same request going on. Real PocketSphinx and espeak-ng speech."""

from __future__ import annotations

from assistant.speech.listener import ListenerConfig

from .conftest import feed_all, voiced

PAST_THE_END = bytes(int(0.5 * 32000))  # longer than the endpointer's end of speech (0.39 s)


def test_speech_that_goes_on_past_the_endpointers_end_is_resumed_whole(
    product_sphinx, synth_pcm
) -> None:
    rec = product_sphinx
    first = voiced(synth_pcm("hey hearth, let's go for a walk"))
    rest = voiced(synth_pcm("together"))
    rec.reset()
    assert feed_all(rec, bytes(16000) + first + bytes(3200)) == []
    early = rec.finish_tentatively()
    assert early is not None and early.text.startswith("hey hearth")
    # The endpointer ends the speech in this quiet; nothing is handed out meanwhile.
    assert feed_all(rec, PAST_THE_END + rest[:3200]) == []
    assert rec.resume()
    finals = feed_all(rec, rest[3200:] + bytes(32000))
    assert len(finals) == 1
    assert finals[0].text.startswith("hey hearth") and finals[0].text.endswith("together")


def test_without_a_resume_the_speech_after_the_pause_is_heard_as_new(
    product_sphinx, synth_pcm
) -> None:
    """Committed while the next speech has begun past the endpointer's end: that speech
    is heard from its start, as if nothing had been held."""
    rec = product_sphinx
    first = voiced(synth_pcm("hey hearth, let's go for a walk"))
    second = voiced(synth_pcm("hey hearth, check in"))
    rec.reset()
    alone = feed_all(rec, bytes(16000) + second + bytes(32000))
    rec.reset()
    feed_all(rec, bytes(16000) + first + bytes(3200))
    assert rec.finish_tentatively() is not None
    assert feed_all(rec, PAST_THE_END + second[:6400]) == []
    rec.commit()
    assert rec.resume() is False
    again = feed_all(rec, second[6400:] + bytes(32000))
    assert [f.text for f in again] == [f.text for f in alone]


def test_speech_is_not_held_for_longer_than_a_second(product_sphinx, synth_pcm) -> None:
    rec = product_sphinx
    rec.reset()
    feed_all(rec, bytes(16000) + voiced(synth_pcm("hey hearth, check in")) + bytes(3200))
    assert rec.finish_tentatively() is not None
    feed_all(rec, bytes(int(1.2 * 32000)))
    assert rec.resume() is False


def test_a_pause_inside_a_request_longer_than_the_endpointers_window(
    heard_as_run, parser, synth_pcm
) -> None:
    """ "hey hearth give us" (no request yet), 0.3 s of silence, then the rest: read
    whole, where the endpointer's end of the start used to leave it declined."""
    head = voiced(synth_pcm("hey hearth give us"))
    tail = voiced(synth_pcm("five minutes to calm down"))
    speech = head + bytes(int(0.3 * 32000)) + tail
    heard = heard_as_run("", speech=speech, config=ListenerConfig())
    first = parser.parse(heard[0].text) if heard and not heard[0].declined else None
    assert first is not None and (first.name, first.slots.get("seconds")) == ("pause", 300)
