"""The `--input-wav` / `--output-wav` loop in process: the production recognizer (PocketSphinx
with the grammar from the intent templates), the dialog engine, pyttsx3; replies checked
in the output WAV where they would have been heard."""

from __future__ import annotations

from assistant.config import Settings
from assistant.live import LiveLoop, RunOptions

TTS_RATE = 22050


def run_wav(tmp_path, recognizer, clip, fast=True, output=True, **settings):
    out = tmp_path / "out.wav" if output else None
    printed: list[str] = []
    errors: list[str] = []
    loop = LiveLoop(
        Settings(db_path=tmp_path / "h.db", voice="en-us", **settings),
        RunOptions(input_wav=clip, fast=fast, output_wav=out),
        recognizer=recognizer,
        stdout=printed.append,
        stderr=errors.append,
    )
    return loop.run(), out, printed, errors


def test_pause_reply_and_countdown_in_the_output_wav(
    tmp_path, recognizer, espeak, wavs, meaning
) -> None:
    clip = tmp_path / "in.wav"
    said = espeak("hey hearth we need a minute")  # wake phrase and command in one breath
    [(start, _)] = wavs.concat([(None, 1.0), (said, 0.5)], clip)
    end = start + wavs.voiced_end(*wavs.read(said))  # speech ends before espeak's silence
    result, out, printed, _ = run_wav(tmp_path, recognizer, clip)
    assert meaning(result.heard) == [("pause", {"seconds": 60})]
    keys = [s.key for s in result.spoken]
    assert keys == ["pause.start", "pause.countdown", "pause.last_seconds", "pause.end"]
    assert len(printed) == 4 and all(p.startswith("Hearth: ") for p in printed)
    samples, rate = wavs.read(out)
    assert rate == TTS_RATE
    # Nothing while the command was said; the acknowledgement right after it.
    assert wavs.voiced(samples[: int(end * rate)], rate) == 0
    assert 0.0 < result.spoken[0].start - end < 0.6
    assert wavs.voiced(samples[int(end * rate) : int((end + 1.5) * rate)], rate) > 0.3
    # The countdown where the timers put it: 30 s and 50 s into the pause, the end at 60 s.
    start = result.spoken[0].start
    for line, at in zip(result.spoken[1:], (30.0, 50.0, 60.0), strict=True):
        assert abs(line.start - (start + at)) < 0.05
        part = samples[int(line.start * rate) : int(line.end * rate)]
        assert wavs.voiced(part, rate) > 0.5 * (line.end - line.start)


def request_then_length(tmp_path, espeak, wavs, request: str, length: str):
    """An input WAV: `request`, then 0.9 s of silence (longer than the listener waits for
    a length), then `length`, said without the wake phrase."""
    clip = tmp_path / "in.wav"
    wavs.concat([(None, 0.5), (espeak(request), 0.9), (espeak(length), 1.0)], clip)
    return clip


def test_the_length_said_after_a_pause_changes_the_minute_just_started(
    tmp_path, recognizer, espeak, wavs, meaning
) -> None:
    """A pause before the length longer than the listener waits for it ("hey hearth
    let's take a break ... for five minutes"): the minute starts, and the length, heard
    over Hearth's reply, cuts that reply and changes the pause."""
    clip = request_then_length(
        tmp_path, espeak, wavs, "hey hearth, let's take a break", "for five minutes"
    )
    result, _, _, _ = run_wav(tmp_path, recognizer, clip)
    requests = [h for h in result.heard if h.text]
    assert meaning(requests) == [("pause", {"seconds": 60}), ("pause", {"seconds": 300})]
    assert [h.amends for h in requests] == [False, True]
    first, second = result.spoken[:2]
    assert (first.key, first.completed) == ("pause.start", False)  # cut by the length
    assert second.key == "pause.amend" and "five minutes" in second.text
    (end,) = [s for s in result.spoken if s.key == "pause.end"]
    assert abs(end.start - second.start - 300) < 0.1  # five minutes, not the first one


def test_the_length_said_over_the_question_how_long_answers_it(
    tmp_path, recognizer, espeak, wavs, meaning
) -> None:
    """Time alone has no default length: Hearth asks how long, and the length said after
    a pause, over that question, answers it. (Not a length the question itself names,
    "for example, twenty minutes": over Hearth's line, words all of its own are its own.)"""
    clip = request_then_length(
        tmp_path, espeak, wavs, "hey hearth, i need some space", "for fifteen minutes"
    )
    result, _, _, _ = run_wav(tmp_path, recognizer, clip)
    requests = [h for h in result.heard if h.text]
    assert [h.amends for h in requests] == [False, True]
    assert meaning(requests)[1] == ("space", {"seconds": 900, "until": None})
    keys = [s.key for s in result.spoken]
    assert keys[0] == "space.how_long" and not result.spoken[0].completed
    assert keys[1] == "space.confirm", keys


def test_checkin_then_answer_window(tmp_path, recognizer, espeak, wavs) -> None:
    clip = tmp_path / "in.wav"
    wavs.concat([(None, 0.5), (espeak("hey hearth, let's do our check in"), 1.0)], clip)
    result, out, _, _ = run_wav(tmp_path, recognizer, clip)
    question = [s for s in result.spoken if s.key == "checkin.question"]
    assert len(question) == 1 and question[0].text.endswith("?")
    samples, rate = wavs.read(out)
    q = question[0]
    assert wavs.voiced(samples[int(q.start * rate) : int(q.end * rate)], rate) > 1.0


def test_stop_while_hearth_talks_cuts_the_line_in_the_file(
    tmp_path, recognizer, espeak, wavs
) -> None:
    clip = tmp_path / "in.wav"
    spans = wavs.concat(
        [(None, 0.5), (espeak("hey hearth, let's do our check in"), 1.2), (espeak("stop"), 2.0)],
        clip,
    )
    result, out, _, _ = run_wav(tmp_path, recognizer, clip)
    stop_end = spans[1][1]
    cut = [s for s in result.spoken if not s.completed]
    assert cut, [(s.key, s.start, s.end) for s in result.spoken]
    assert cut[0].end - stop_end < 0.6  # cut off soon after "stop" was said
    assert any(h.barge_in and h.text == "stop" for h in result.heard)
    samples, rate = wavs.read(out)
    assert wavs.voiced(samples[int((cut[0].end + 0.05) * rate) :], rate) == 0


def test_no_output_device_prints_replies(tmp_path, recognizer, espeak, pulse) -> None:
    clip = espeak("hey hearth, how much time is left")
    result, _, printed, errors = run_wav(
        tmp_path, recognizer, clip, fast=False, output=False, output_device="no-such-device-xyz"
    )
    assert any("no speaker" in e and "printed instead" in e for e in errors), errors
    assert printed and printed[0].startswith("Hearth: "), result.heard  # not lost
    assert result.spoken and not result.spoken[0].device


EVERYDAY = [
    # Everyday talk at home, several of them starting like a command.
    "we need a new car soon", "let's do the dishes after dinner",
    "how much time does the roast need", "give me the remote please",
    "i think we should check the weather", "can you help me with the laundry",
    "the kids were great at school today", "what time is the game on sunday",
    "we're out of milk again", "i had a long day at work", "let's watch a movie tonight",
    "we need to talk about the holiday",
]  # fmt: skip


def test_everyday_talk_through_the_production_recognizer_is_never_a_command(
    tmp_path, recognizer, espeak, wavs
) -> None:
    clip = tmp_path / "in.wav"
    voices = [("en-us+f2", 140), ("en-us", 170)]
    parts = [(espeak(s, *voices[i % 2]), 1.2) for i, s in enumerate(EVERYDAY)]
    wavs.concat([(None, 0.5), *parts], clip)
    result, out, printed, _ = run_wav(tmp_path, recognizer, clip)
    assert result.heard == [] and result.spoken == [] and printed == []
    assert wavs.voiced(*wavs.read(out)) == 0


def test_talk_after_the_wake_phrase_that_is_no_request_is_not_acted_on(tmp_path, wavs) -> None:
    # Flite's voice (not espeak-ng): the command model reads this as "i would like to
    # save a new hearth" (an idea). The listener declines it: nothing acted on or
    # logged, one brief line.
    import subprocess

    from assistant.store import Store

    said = tmp_path / "said.wav"
    text = "hey hearth i wonder who came up with the name hearth"
    subprocess.run(["flite", "-voice", "kal16", "-t", text, "-o", str(said)], check=True)
    clip = tmp_path / "in.wav"
    wavs.concat([(None, 0.5), (said, 1.0)], clip)
    # The check that declines it needs the open-vocabulary reading (off by default).
    from assistant.nlu import load_parser
    from assistant.speech.grammar import grammar_from_parser
    from assistant.speech.sphinx_engine import SphinxRecognizer

    checking = SphinxRecognizer(grammar_from_parser(load_parser(), "hey hearth"), open_check=True)
    result, _, printed, errors = run_wav(tmp_path, checking, clip)
    assert [s.key for s in result.spoken] == ["voice.not_caught"]
    assert [(h.text, h.declined) for h in result.heard] == [("", True)]
    assert Store(tmp_path / "h.db").events(kind="command") == []
    assert not any("wonder" in line or "idea" in line for line in printed + errors)
