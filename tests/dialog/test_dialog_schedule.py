"""Schedule: confirmation in words, firing at the time, waiting for a pause, restarts."""

from __future__ import annotations

from datetime import datetime

# START is Monday 2026-01-05 19:00 (see conftest).
HOUR = 3600


def test_schedule_confirms_in_words_and_fires_at_the_time(session) -> None:
    session.do("schedule", t=0, time="20:00", cadence="daily")
    line = session.out.said()[-1][2]
    assert "every evening at eight" in line
    session.at(HOUR - 1)
    assert "schedule.due" not in session.out.spoken_keys()
    session.at(HOUR)
    keys = session.out.spoken_keys()
    assert keys[-4:] == ["schedule.due", "checkin.intro", "checkin.question", "checkin.invite"]
    assert session.out.said()[-4][0] == HOUR
    session.out.clear()
    session.at(25 * HOUR)  # and again the next evening
    assert session.out.spoken_keys().count("schedule.due") == 1


def test_every_other_day_skips_a_day(session) -> None:
    session.do("schedule", t=0, time="21:30", cadence="every_other_day")
    assert "every other evening at 9:30" in session.out.said()[-1][2].lower()
    session.at(3 * 24 * HOUR)
    due = [t for t, key, _ in session.out.said() if key == "schedule.due"]
    assert due == [2.5 * HOUR, 50.5 * HOUR]


def test_a_checkin_due_during_a_pause_waits_for_the_pause(session) -> None:
    session.do("schedule", t=0, time="20:00", cadence="daily")
    session.do("pause", t=HOUR - 30, seconds=60)
    session.at(HOUR + 10)
    assert "schedule.due" not in session.out.spoken_keys()
    session.at(HOUR + 40)
    keys = session.out.spoken_keys()
    assert keys.index("pause.end") < keys.index("schedule.due")
    assert [t for t, key, _ in session.out.said() if key == "schedule.due"] == [HOUR + 30]


def test_schedule_survives_a_restart(make_session) -> None:
    s = make_session()
    s.do("schedule", t=0, time="20:00", cadence="daily")
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 19, 30))
    s.at(HOUR / 2)
    assert s.out.spoken_keys()[:1] == ["schedule.due"]


def test_missed_checkin_fires_on_start_within_the_grace_window(make_session) -> None:
    s = make_session()
    s.do("schedule", t=0, time="20:00", cadence="daily")
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 20, 20))  # device was off at 20:00, back at 20:20
    s.at(0)
    assert s.out.spoken_keys()[:2] == ["schedule.due", "checkin.intro"]
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 20, 25))  # already done: not again
    s.at(60)
    assert "schedule.due" not in s.out.spoken_keys()


def test_missed_checkin_outside_the_grace_window_skips_to_the_next(make_session) -> None:
    s = make_session()
    s.do("schedule", t=0, time="20:00", cadence="daily")
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 21, 0), checkin_grace_s=30 * 60)
    s.at(60)
    assert "schedule.due" not in s.out.spoken_keys()
    assert s.out.events("checkin_skipped")
    s.at(23 * HOUR)  # the next day at 20:00
    assert [t for t, key, _ in s.out.said() if key == "schedule.due"] == [23 * HOUR]


def test_schedule_without_a_time_asks_for_one(session) -> None:
    session.do("schedule", t=0, cadence="daily")
    assert session.out.spoken_keys() == ["schedule.need_time"]
    assert session.store.schedule() is None
