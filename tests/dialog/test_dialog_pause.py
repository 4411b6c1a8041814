"""Pause: acknowledgement, countdown spacing, absolute end, time_left, resume, restart."""

from __future__ import annotations

import itertools

import pytest

from assistant.dialog.skills.pause import countdown_marks


def test_one_minute_pause_speaks_at_start_halfway_ten_seconds_and_end(session) -> None:
    session.do("pause", t=5, seconds=60)
    said = session.out.said()
    assert said[0][:2] == (5, "pause.start")
    assert "one minute" in said[0][2].lower()
    assert "breath" in said[0][2].lower()
    assert session.out.events("timer_started")[0][1] == {"timer": "pause", "seconds": 60}
    session.at(100)
    times = [(t, key) for t, key, _ in session.out.said()]
    assert times == [
        (5, "pause.start"),
        (35, "pause.countdown"),
        (55, "pause.last_seconds"),
        (65, "pause.end"),
    ]
    end_line = session.out.said()[-1][2]
    assert "listening" in end_line and "understand" in end_line
    assert [t for t, _ in session.out.events("timer_ended")] == [65]
    assert session.engine.state.pause is None


@pytest.mark.parametrize("seconds", [30, 45, 60, 90, 120, 180, 300, 600, 1200, 3600])
def test_countdown_lines_never_closer_than_ten_seconds(seconds: int) -> None:
    marks = countdown_marks(seconds)
    moments = [0, *(seconds - m for m in marks), seconds]
    gaps = [b - a for a, b in itertools.pairwise(moments)]
    assert min(gaps) >= 10
    assert marks
    if seconds >= 40:
        assert marks[-1] == 10  # the last line comes ten seconds before the end
    if seconds > 300:
        assert len(marks) <= seconds // 300 + 2  # long pauses stay quiet


def test_time_left_tells_the_true_remaining_time(session) -> None:
    session.do("pause", t=0, seconds=60).do("time_left", t=20)
    assert session.out.said()[-1][1:] == ("pause.time_left", session.out.said()[-1][2])
    assert "about forty seconds" in session.out.said()[-1][2].lower()
    session.do("time_left", t=55)
    assert "a few seconds" in session.out.said()[-1][2].lower()


def test_resume_ends_early_and_silences_every_pending_line(session) -> None:
    session.do("pause", t=0, seconds=180).do("resume", t=40)
    assert session.out.spoken_keys()[-1] == "pause.resume"
    assert session.out.events("timer_cancelled")[-1][1]["reason"] == "resumed"
    session.out.clear()
    session.at(400)
    assert session.out.said() == []
    assert session.engine.scheduler.pending("pause") == []


def test_second_pause_restarts_and_says_so(session) -> None:
    session.do("pause", t=0, seconds=60).do("pause", t=40, seconds=60)
    assert session.out.spoken_keys()[-1] == "pause.restart"
    session.at(300)
    ends = [t for t, key, _ in session.out.said() if key == "pause.end"]
    assert ends == [100]  # one end, a full minute after the restart
    assert session.store.count_timers("pause", session.clock.start, session.clock.wall()) == 2


def test_a_pause_asked_for_again_moments_later_changes_its_length(session) -> None:
    """The length said after a pause in the request ("let's take a break ... for ninety
    seconds", handed on by the listener once the minute had started)."""
    session.do("pause", t=0, seconds=60).do("pause", t=3, seconds=90)
    key, text = session.out.said()[-1][1:]
    assert key == "pause.amend"
    assert "a minute and a half" in text.lower()
    session.at(300)
    ends = [t for t, key, _ in session.out.said() if key == "pause.end"]
    assert ends == [93]  # one end, the new length after the change
    rows = list(session.store.db.query("SELECT seconds, outcome FROM timers"))
    assert rows == [
        {"seconds": 60.0, "outcome": "restarted"},
        {"seconds": 90.0, "outcome": "completed"},
    ]


def test_the_same_length_asked_for_again_moments_later_restarts_as_ever(session) -> None:
    session.do("pause", t=0, seconds=60).do("pause", t=3, seconds=60)
    assert session.out.spoken_keys()[-1] == "pause.restart"


def test_stop_during_a_pause_keeps_the_pause_running(session) -> None:
    session.do("pause", t=0, seconds=60).do("stop", t=15)
    assert session.out.stops == 1
    assert session.engine.state.pause is not None
    session.at(70)
    assert session.out.spoken_keys()[-1] == "pause.end"


def test_resume_or_time_left_without_a_pause_answers_briefly(session) -> None:
    session.do("resume", t=1).do("time_left", t=2)
    assert session.out.spoken_keys() == ["pause.not_paused", "pause.no_timer"]


def test_pause_length_is_logged_in_the_timers_table(session) -> None:
    session.do("pause", t=0, seconds=120).at(200)
    rows = list(session.store.db.query("SELECT kind, seconds, outcome FROM timers"))
    assert rows == [{"kind": "pause", "seconds": 120.0, "outcome": "completed"}]


def test_a_pause_of_a_few_minutes_asks_how_long_then_takes_the_answer(session) -> None:
    intent = session.hear("give us a few minutes", t=0)
    assert intent.slots["unclear"] is True
    assert session.out.spoken_keys() == ["pause.how_long"]
    assert not session.out.events("timer_started")  # never a guessed length
    assert session.engine.listen_mode == "answer"
    session.hear("ten minutes", t=3)
    assert session.out.events("timer_started")[0][1] == {"timer": "pause", "seconds": 600}
    assert session.out.spoken_keys()[-1] == "pause.start"
