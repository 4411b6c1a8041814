"""The config file's check-in time, quiet hours and ritual durations, in the dialog."""

from __future__ import annotations

from datetime import datetime

import pytest

# START is Monday 2026-01-05 19:00 (see conftest).
HOUR = 3600


def test_the_files_checkin_time_is_the_schedule(make_session) -> None:
    s = make_session(checkin_time="20:00")
    s.at(HOUR)
    assert s.out.spoken_keys()[:2] == ["schedule.due", "checkin.intro"]
    assert s.store.schedule()["time"] == "20:00"


def test_a_voice_set_schedule_wins_over_the_file(make_session) -> None:
    s = make_session(checkin_time="20:00")
    s.do("schedule", t=0, time="21:30", cadence="daily")
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 19, 10), checkin_time="20:00")  # a restart
    s.at(3 * HOUR)
    due = [t for t, key, _ in s.out.said() if key == "schedule.due"]
    assert due == [2 * HOUR + 20 * 60]  # 21:30, not 20:00
    assert s.store.schedule()["time"] == "21:30"


def test_a_changed_file_time_replaces_the_files_old_one(make_session) -> None:
    s = make_session(checkin_time="20:00")
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 19, 10), checkin_time="22:00")
    s.at(4 * HOUR)
    due = [t for t, key, _ in s.out.said() if key == "schedule.due"]
    assert due == [2 * HOUR + 50 * 60]


def test_a_checkin_due_in_quiet_hours_is_skipped_and_logged(make_session) -> None:
    s = make_session(checkin_time="20:00", quiet_hours="19:30-07:00")
    s.at(HOUR + 60)
    assert "schedule.due" not in s.out.spoken_keys()
    skipped = s.out.events("checkin_skipped")
    assert skipped and skipped[0][1]["reason"] == "quiet_hours"
    assert s.store.schedule()["last_fired"] == datetime(2026, 1, 5, 20, 0)


def test_a_pause_asked_for_in_quiet_hours_still_runs(make_session) -> None:
    s = make_session(quiet_hours="18:00-07:00")
    s.do("pause", t=0, seconds=60).at(61)
    assert "pause.end" in s.out.spoken_keys()


def test_ritual_cues_are_not_spoken_in_quiet_hours_but_the_end_is(make_session) -> None:
    s = make_session(quiet_hours="18:00-07:00")
    s.do("ritual", t=0, ritual="mindfulness").at(3 * 60)
    keys = s.out.spoken_keys()
    assert "ritual.mindfulness.cue" not in keys
    assert keys[0] == "ritual.mindfulness.start" and keys[-1] == "ritual.mindfulness.end"


def test_ritual_minutes_from_the_file_set_the_timer(make_session) -> None:
    s = make_session(ritual_minutes={"walk": 2})
    s.do("ritual", t=0, ritual="walk").at(2 * 60 - 1)
    assert "ritual.walk.end" not in s.out.spoken_keys()
    s.at(2 * 60)
    assert s.out.spoken_keys()[-1] == "ritual.walk.end"


@pytest.mark.parametrize("minutes", [{}, {"walk": 2, "coffee": 15}])
def test_every_ritual_line_said_was_rendered_ahead(make_session, minutes) -> None:
    """A ritual's opening line answers a request ("time for coffee"): rendered ahead
    with the length the config file sets, it starts without a render's delay (about
    0.1-0.2 s on the project machine). Its cues and closing lines are there too."""
    from assistant.config import Settings
    from assistant.dialog.responses import Responses
    from assistant.lines_ahead import lines_ahead

    ahead = set(lines_ahead(Responses(), Settings(ritual_minutes=minutes)))
    for name in ("walk", "coffee", "breakfast", "mindfulness", "call"):
        s = make_session(ritual_minutes=minutes)
        s.do("ritual", t=0, ritual=name).at(50 * 60)
        said = [(key, text) for _, key, text in s.out.said() if key.startswith("ritual.")]
        assert {key for key, _ in said} >= {f"ritual.{name}.start", f"ritual.{name}.end"}
        assert [text for _, text in said if text not in ahead] == [], name


def test_the_opening_of_a_pause_of_a_common_length_was_rendered_ahead(make_session) -> None:
    from assistant.dialog.responses import Responses
    from assistant.lines_ahead import PAUSES_AHEAD, lines_ahead

    ahead = set(lines_ahead(Responses()))
    s = make_session()
    for seconds in (60, *PAUSES_AHEAD):
        s.out.clear()
        s.do("pause", seconds=seconds)
        (opening,) = [text for _, key, text in s.out.said() if key == "pause.start"]
        assert opening in ahead, opening
        s.do("resume")
    s.out.clear()
    s.do("pause", seconds=60).do("pause", seconds=60)  # asked again: restarted
    (restarted,) = [text for _, key, text in s.out.said() if key == "pause.restart"]
    assert restarted in ahead, restarted


def test_the_answer_to_a_call_for_help_was_rendered_ahead_with_the_files_line(
    make_session,
) -> None:
    """Help must never wait for a render: the safety line, and the question asked when
    the call was not heard for sure, with the crisis line the config file names."""
    from assistant.config import Settings
    from assistant.dialog.responses import Responses
    from assistant.lines_ahead import lines_ahead

    crisis = "the Samaritans on one one six, one two three"
    ahead = set(lines_ahead(Responses(), Settings(crisis_line=crisis)))
    s = make_session(crisis_line=crisis)
    s.engine.hear("i want to hurt myself", unsure=True)  # asked about, crisis line given
    s.hear("yes", t=2)  # then the full safety line
    said = [text for _, key, text in s.out.said() if key in ("safety.line", "check.safety")]
    assert len(said) == 2 and all(crisis in text for text in said), said
    assert [text for text in said if text not in ahead] == []
