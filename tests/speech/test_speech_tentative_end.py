"""Speech read to its end at the first moment of quiet (`finish_tentatively`), with real
PocketSphinx and espeak-ng speech: acted on sooner, read again whole when it goes on."""

from __future__ import annotations

from assistant.speech.listener import Listener, ListenerConfig

from .conftest import feed_all, voiced

BLOCK = 640  # 20 ms


def listen(
    recognizer, parser, audio: bytes, read_at: list[float] | None = None, **config: float
) -> list:
    """The listener's decisions on `audio` (audio clock, 20 ms blocks), without early
    decisions on partials unless `config` sets `early_stable_s` (by default out of
    reach: what is decided is decided on the readings of the whole speech), and without
    the longer wait of a request said without its length (`length_pause_quiet_s`,
    tested in test_speech_length_pause.py). `read_at`, when given, gets the audio time
    of each tentative end (`finish_tentatively`)."""
    recognizer.reset()
    defaults = {"wake_phrase": "hey hearth", "early_stable_s": 60.0, "length_pause_quiet_s": None}
    settings = ListenerConfig(**{**defaults, **config})  # type: ignore[arg-type]
    listener = Listener(recognizer, settings, parser.parse)
    now = 0.0
    if read_at is not None:
        original = recognizer.finish_tentatively

        def watched():
            read_at.append(now)
            return original()

        recognizer.finish_tentatively = watched
    heard = []
    try:
        for i in range(0, len(audio), BLOCK):
            now = (i + BLOCK) / 32000
            heard += listener.feed(audio[i : i + BLOCK], now)
    finally:
        if read_at is not None:
            del recognizer.finish_tentatively
    return heard + listener.flush(len(audio) / 32000)


def test_a_command_read_whole_is_acted_on_at_the_first_quiet(
    product_sphinx, parser, synth_pcm
) -> None:
    speech = voiced(synth_pcm("hey hearth, we need a break"))
    audio = bytes(16000) + speech + bytes(48000)
    end = (16000 + len(speech)) / 32000
    soon = listen(product_sphinx, parser, audio, tentative_quiet_s=0.1, end_quiet_s=0.2)
    assert [parser.parse(h.text).name for h in soon] == ["pause"] and not soon[0].early
    # Read at 0.1 s of quiet and acted on at once: a sure command that cannot go on.
    # The voice detector ends voice within about 60 ms of the last word.
    assert soon[0].t - end < 0.2, soon[0].t - end
    # Reading it only at the end of speech (the tentative end off) acts later.
    late = listen(product_sphinx, parser, audio, tentative_quiet_s=0.2, end_quiet_s=0.2)
    assert [h.text for h in late] == [h.text for h in soon]
    assert late[0].t - soon[0].t >= 0.08


def test_speech_that_goes_on_after_a_pause_is_read_whole(product_sphinx, parser, synth_pcm) -> None:
    first = voiced(synth_pcm("hey hearth, we need a break"))
    rest = voiced(synth_pcm("for twenty minutes"))
    # A 0.16 s pause: past the tentative end (0.1 s), short of the confirming quiet.
    audio = bytes(16000) + first + bytes(5120) + rest + bytes(48000)
    config = {"tentative_quiet_s": 0.1, "early_quiet_s": 0.3, "end_quiet_s": 0.4}
    ended: list[float] = []
    heard = listen(product_sphinx, parser, audio, read_at=ended, **config)
    assert len(ended) >= 2  # read at the pause, then again at the real end
    assert len(heard) == 1, heard
    intent = parser.parse(heard[0].text)
    assert intent.name == "pause" and intent.slots["seconds"] == 1200, heard[0].text


def test_resume_reads_the_same_as_never_ending(product_sphinx, synth_pcm) -> None:
    """Ended tentatively in a pause, then resumed: the final of the whole speech is
    what the engine reads when it was never ended."""
    rec = product_sphinx
    first = voiced(synth_pcm("hey hearth, let's go for a walk"))
    rest = voiced(synth_pcm("together"))
    pause = bytes(4800)  # 0.15 s: shorter than the engine's own end of speech
    rec.reset()
    whole = feed_all(rec, bytes(16000) + first + pause + rest + bytes(32000))
    assert len(whole) == 1

    rec.reset()
    assert feed_all(rec, bytes(16000) + first + pause[:3200]) == []
    early = rec.finish_tentatively()
    assert early is not None and early.text.startswith("hey hearth")
    assert rec.partial() == "" and rec.finish_tentatively() is None  # ended
    assert feed_all(rec, pause[3200:] + rest[:3200]) == []  # held, not decoded
    assert rec.resume()
    finals = feed_all(rec, rest[3200:] + bytes(32000))
    assert [f.text for f in finals] == [whole[0].text]


def test_commit_ends_the_speech_and_the_next_is_read_afresh(product_sphinx, synth_pcm) -> None:
    rec = product_sphinx
    speech = voiced(synth_pcm("hey hearth, check in"))
    rec.reset()
    feed_all(rec, bytes(16000) + speech + bytes(3200))
    early = rec.finish_tentatively()
    assert early is not None and "check" in early.text
    # The quiet goes on: nothing more comes of this speech, not even at its end.
    assert feed_all(rec, bytes(3200)) == []
    rec.commit()
    assert rec.resume() is False  # nothing left to resume
    assert feed_all(rec, bytes(32000)) == [] and rec.finish() is None
    again = feed_all(rec, speech + bytes(32000))
    assert [f.text for f in again] == [early.text]


def tentative_reads(recognizer, parser, audio: bytes, **config: float) -> tuple[list, list]:
    """The listener's decisions on `audio` with early decisions on, and the audio times
    at which it read the speech to its end tentatively."""
    read_at: list[float] = []
    early = ListenerConfig.early_stable_s
    heard = listen(recognizer, parser, audio, read_at=read_at, early_stable_s=early, **config)
    return heard, read_at


def test_a_sure_command_waiting_on_the_whole_is_read_sooner(
    product_sphinx, parser, synth_pcm
) -> None:
    """The partial reads a sure command, but the strict grammar's partial is still no
    request ("let's do our catch"): it is decided on the readings of the whole. That
    reading starts at the first moment of quiet, so its end pass is done by the time
    the quiet confirms it; what is decided, and when on the audio clock, stays."""
    brisk = ["-v", "en-us+f2", "-s", "155"]  # the latency benchmark's second pace
    speech = voiced(synth_pcm("hey hearth, let's do our check in", brisk))
    audio = bytes(16000) + speech + bytes(48000)
    soon, soon_read = tentative_reads(product_sphinx, parser, audio)
    late, late_read = tentative_reads(product_sphinx, parser, audio, sure_tentative_quiet_s=0.08)
    assert [parser.parse(h.text).name for h in soon] == ["checkin"], soon
    assert not soon[0].early and not soon[0].unsure, soon  # decided on the whole
    assert [(h.text, h.t) for h in late] == [(h.text, h.t) for h in soon]
    assert len(soon_read) == len(late_read) == 1
    assert late_read[0] - soon_read[0] >= 0.04, (soon_read, late_read)
    assert soon_read[0] < soon[0].t


def test_speech_that_is_no_command_yet_is_read_at_the_usual_quiet(
    product_sphinx, parser, synth_pcm
) -> None:
    """A partial that is no sure command ("check the") keeps `tentative_quiet_s`."""
    speech = voiced(synth_pcm("hey hearth, check in"))
    audio = bytes(16000) + speech + bytes(48000)
    first, first_read = tentative_reads(product_sphinx, parser, audio)
    other, other_read = tentative_reads(product_sphinx, parser, audio, sure_tentative_quiet_s=0.08)
    assert first_read == other_read and len(first_read) == 1
    assert [(h.text, h.t) for h in first] == [(h.text, h.t) for h in other]
