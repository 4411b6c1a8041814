"""Known lines rendered ahead and kept (memory and disk) by the real synthesizer."""

from __future__ import annotations

import os
import signal

import numpy as np

from assistant.speech.line_cache import LineCache
from assistant.speech.tts import Synthesizer

LINE = "Thirty seconds left."


def _stored(folder) -> list:
    return sorted(folder.rglob("*.npy")) if folder.exists() else []


def test_a_known_line_comes_from_memory_even_when_the_synthesizer_is_stuck(tmp_path) -> None:
    with Synthesizer(voice="en-us", cache_folder=tmp_path / "lines") as synth:
        assert synth.warm([LINE]) == 1
        first = synth.render(LINE)
        os.kill(synth.helper_pid, signal.SIGSTOP)  # any render now would hang
        try:
            again = synth.render(LINE)
        finally:
            os.kill(synth.helper_pid, signal.SIGCONT)
        assert synth.restarts == 0
        assert np.array_equal(first.samples, again.samples) and 0.8 < again.duration < 2.5


def test_a_line_reaches_the_disk_once_two_renders_agree(tmp_path) -> None:
    folder = tmp_path / "lines"
    with Synthesizer(voice="en-us", cache_folder=folder) as synth:
        assert synth.warm([LINE]) == 1
    assert _stored(folder) == []  # one render proves nothing yet
    # Under load a render can come out cut short and disagree: a person would start
    # Hearth again, so the test does too (the rule itself is checked exactly below).
    for _ in range(4):
        with Synthesizer(voice="en-us", cache_folder=folder) as synth:
            assert synth.warm([LINE]) == 1
        if _stored(folder):
            break
    assert len(_stored(folder)) == 1
    with Synthesizer(voice="en-us", cache_folder=folder) as synth:
        assert synth.warm([LINE]) == 0  # read from disk: nothing to render
        assert 0.8 < synth.render(LINE).duration < 2.5
    with Synthesizer(voice="en-us", rate=240, cache_folder=folder) as synth:
        assert synth.warm([LINE]) == 1  # another rate sounds different: its own entry


def test_renders_that_disagree_in_length_are_not_stored(tmp_path) -> None:
    folder = tmp_path / "lines"
    cache = LineCache(folder, voice="en-us", rate=150, volume=1.0)
    cache.allow([LINE])
    cache.put(LINE, np.zeros(20_000, dtype=np.int16))
    cache.put(LINE, np.zeros(15_000, dtype=np.int16))  # cut short: 25% shorter
    assert _stored(folder) == []
    cache.put(LINE, np.zeros(15_050, dtype=np.int16))  # agrees with the one before
    assert len(_stored(folder)) == 1
    fresh = LineCache(folder, voice="en-us", rate=150, volume=1.0)
    fresh.allow([LINE])
    stored = fresh.get(LINE)
    assert stored is not None and len(stored) == 15_050


def test_a_damaged_entry_is_rendered_again(tmp_path) -> None:
    folder = tmp_path / "lines"
    for _ in range(5):  # until two renders agree (one cut short under load does not)
        with Synthesizer(voice="en-us", cache_folder=folder) as synth:
            synth.warm([LINE])
        if _stored(folder):
            break
    (entry,) = _stored(folder)
    entry.write_bytes(b"not a line")
    with Synthesizer(voice="en-us", cache_folder=folder) as synth:
        assert synth.warm([LINE]) == 1
        assert 0.8 < synth.render(LINE).duration < 2.5
    assert not entry.exists() or entry.read_bytes() != b"not a line"


def test_lines_with_the_couples_words_are_never_kept(tmp_path) -> None:
    folder = tmp_path / "lines"
    private = "You appreciated: the soup you made on Sunday."
    with Synthesizer(voice="en-us", cache_folder=folder) as synth:
        synth.warm([LINE])
        for _ in range(3):
            synth.render(private)
    for _ in range(2):
        with Synthesizer(voice="en-us", cache_folder=folder) as synth:
            synth.render(private)
    assert len(_stored(folder)) == 0  # only the known line could ever be stored


def test_a_cache_folder_that_cannot_be_written_costs_nothing(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for _ in range(2):
        with Synthesizer(voice="en-us", cache_folder=blocker / "lines") as synth:
            assert synth.warm([LINE]) == 1
            assert 0.8 < synth.render(LINE).duration < 2.5


def test_the_lines_rendered_ahead_are_known_lines_with_the_questions() -> None:
    from assistant.dialog.responses import Responses, fill
    from assistant.lines_ahead import lines_ahead

    ahead = lines_ahead(Responses())
    responses = Responses()
    assert ahead[: len(responses.lines["pause.start"])] == [
        fill(line, {"duration": "one minute"}) for line in responses.lines["pause.start"]
    ]  # the pause first: it must start at once
    assert set(responses.all_questions()) <= set(ahead)  # read right after the opening
    assert not [line for line in ahead if "{" in line]  # nothing left to fill in
    # A line with a value to fill in ("Take the time you need. I'll check back at
    # {at}, in {duration}.") starts with its first sentence while the rest renders.
    assert "Take the time you need." in ahead and "Sure." in ahead


def test_stored_lines_stay_on_disk_until_said(tmp_path) -> None:
    """Lines confirmed on disk are not held in memory when checked ahead, and only the
    last few said are kept (all of them held cost a listening Hearth some 45 MB)."""
    folder = tmp_path / "lines"
    lines = [f"Line number {n}." for n in range(40)]
    cache = LineCache(folder, voice="en-us", rate=150, volume=1.0)
    cache.allow(lines)
    for n, line in enumerate(lines):
        cache.put(line, np.full(1000 + n, n, dtype=np.int16))
        cache.put(line, np.full(1000 + n, n, dtype=np.int16))  # agrees: stored
    assert len(_stored(folder)) == 40 and cache.held() <= cache.recent
    fresh = LineCache(folder, voice="en-us", rate=150, volume=1.0)
    fresh.allow(lines)
    assert all(fresh.has(line) for line in lines) and fresh.held() == 0
    for n, line in enumerate(lines):
        said = fresh.get(line)
        assert said is not None and len(said) == 1000 + n and said[0] == n
    assert fresh.held() == fresh.recent
    assert not fresh.has("A line nobody allowed.")


def test_a_line_not_yet_on_disk_is_held_in_memory(tmp_path) -> None:
    cache = LineCache(tmp_path / "lines", voice="en-us", rate=150, volume=1.0)
    cache.allow([LINE])
    cache.put(LINE, np.ones(5000, dtype=np.int16))  # one render: not on disk yet
    assert _stored(tmp_path / "lines") == [] and cache.has(LINE)
    assert cache.held() == 1 and len(cache.get(LINE)) == 5000


def _store(folder, rate: int) -> LineCache:
    """A cache of one sound (by its rate) with LINE on disk."""
    cache = LineCache(folder, voice="en-us", rate=rate, volume=1.0)
    cache.allow([LINE])
    for _ in range(2):  # two renders that agree: on disk
        cache.put(LINE, np.full(1000 + rate, rate, dtype=np.int16))
    return cache


def test_only_the_sounds_used_last_keep_their_lines(tmp_path) -> None:
    """Each voice setting renders every line anew; the sets of settings no longer used
    must not fill a small device's disk."""
    from assistant.speech.line_cache import SOUNDS_KEPT

    folder = tmp_path / "lines"
    rates = [150 + 10 * n for n in range(SOUNDS_KEPT + 2)]
    for used, rate in enumerate(rates):  # used one after the other, oldest first
        sound = _store(folder, rate).sound_folder
        os.utime(sound, (1_000_000 + used, 1_000_000 + used))
    assert len(list(folder.iterdir())) == SOUNDS_KEPT
    for rate in rates[-SOUNDS_KEPT:]:
        kept = LineCache(folder, voice="en-us", rate=rate, volume=1.0)
        kept.allow([LINE])
        said = kept.get(LINE)
        assert said is not None and len(said) == 1000 + rate  # no render needed
    gone = LineCache(folder, voice="en-us", rate=rates[0], volume=1.0)
    gone.allow([LINE])
    assert gone.get(LINE) is None


def test_lines_stored_loose_by_an_older_hearth_are_removed(tmp_path) -> None:
    folder = tmp_path / "lines"
    folder.mkdir()
    for name in ("0040cbdb4017d25b.npy", "0040cbdb4017d25b.first"):
        (folder / name).write_bytes(b"x")
    cache = _store(folder, 150)
    assert [p.name for p in folder.iterdir()] == [cache.sound_folder.name]
    assert len(_stored(folder)) == 1
