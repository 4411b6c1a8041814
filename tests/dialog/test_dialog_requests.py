"""Requests added in issue 10, through the real parser, engine, virtual clock and a real
SQLite file: ask about / skip once / move / cancel the check-in schedule, more time on a
pause or space, louder/quieter kept across restarts, and the safety line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from assistant.store import Store

# START (conftest) is Monday 2026-01-05 19:00.
HOUR, DAY = 3600, 24 * 3600


def _due_times(s) -> list[float]:
    return [t for t, key, _ in s.out.said() if key == "schedule.due"]


def _last_line(s) -> str:
    return s.out.said()[-1][2]


# --- the check-in schedule ------------------------------------------------------------


def test_when_without_a_schedule_says_how_to_set_one(session) -> None:
    assert session.hear("when is our check in", t=0).name == "checkin_when"
    assert session.out.spoken_keys() == ["schedule.none_set"]
    assert any(example in _last_line(session) for example in ("eight", "seven"))


def test_when_says_the_next_checkin_in_clock_words(session) -> None:
    session.hear("set our check in for nine thirty every evening", t=0)
    session.hear("what time is our check in", t=5)
    assert "tonight at nine thirty" in _last_line(session)
    session.at(3 * HOUR)  # 22:00: tonight's is done
    session.hear("when is our next check in")
    assert "tomorrow at nine thirty" in _last_line(session)


def test_when_every_other_day_names_the_day(make_session) -> None:
    s = make_session(datetime(2026, 1, 5, 9, 0))  # Monday morning
    s.hear("check in every other day at eight in the morning", t=0)
    s.at(2 * HOUR)  # 11:00, Monday's 8:00 is past: the first is Tuesday morning
    s.hear("when is our check in")
    assert "tomorrow morning at eight" in _last_line(s)
    assert "every other morning" in _last_line(s)
    s.at(DAY + 2 * HOUR)  # Tuesday 11:00: Tuesday's has happened, next is Thursday
    s.hear("when is our check in")
    assert "on Thursday at eight" in _last_line(s)


def test_skip_skips_only_the_next_one_and_survives_a_restart(make_session) -> None:
    s = make_session()
    s.hear("set our check in for eight every evening", t=0)
    assert s.hear("skip tonight's check in", t=10).name == "checkin_skip"
    assert s.out.spoken_keys()[-1] == "schedule.skipped"
    assert "tonight at eight" in _last_line(s) and "tomorrow at eight" in _last_line(s)
    s.hear("when is our check in", t=20)
    assert "tomorrow at eight" in _last_line(s)
    s.at(2 * HOUR)
    assert _due_times(s) == []  # not tonight
    s.store.close()
    # Restart on Tuesday afternoon: the schedule stays, Tuesday's check-in fires.
    s = make_session(datetime(2026, 1, 6, 15, 0))
    s.at(6 * HOUR)
    assert _due_times(s) == [5 * HOUR]


def test_skip_before_a_restart_that_same_evening_still_skips(make_session) -> None:
    s = make_session()
    s.hear("set our check in for eight every evening", t=0)
    s.hear("no check in tonight", t=10)
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 19, 30))
    s.at(HOUR)  # 20:30
    assert _due_times(s) == []
    s.at(HOUR + DAY)
    assert _due_times(s) == [DAY + 30 * 60]  # Tuesday 20:00


def test_cancel_asks_first_then_no_checkin_for_a_week(session) -> None:
    session.hear("set our check in for eight every evening", t=0)
    assert session.hear("cancel our check ins", t=10).name == "checkin_cancel"
    assert session.out.spoken_keys()[-1] == "schedule.cancel_confirm"
    session.hear("yes", t=12)
    assert session.out.spoken_keys()[-1] == "schedule.cancelled"
    assert "check in every evening at eight" in _last_line(session) or "set our check-in" in (
        _last_line(session)
    )
    assert session.store.schedule() is None
    session.at(7 * DAY)
    assert _due_times(session) == []


def test_cancel_answered_no_keeps_the_schedule(session) -> None:
    session.hear("set our check in for eight every evening", t=0)
    session.hear("stop the daily check in", t=10)
    session.hear("no", t=12)
    assert session.out.spoken_keys()[-1] == "schedule.cancel_kept"
    session.at(HOUR)
    assert _due_times(session) == [HOUR]


def test_moving_says_from_and_to(session) -> None:
    session.hear("set our check in for nine thirty every evening", t=0)
    assert session.hear("move our check in to nine", t=5).name == "schedule"
    assert session.out.spoken_keys()[-1] == "schedule.moved"
    line = _last_line(session)
    assert "9:30" in line and "every evening at nine" in line
    session.at(3 * HOUR)
    assert _due_times(session) == [2 * HOUR]


def test_forget_says_the_schedule_goes_too_and_it_does(session) -> None:
    session.hear("set our check in for eight every evening", t=0)
    session.hear("forget everything", t=5)
    assert session.out.spoken_keys()[-1] == "system.forget_confirm_schedule"
    assert "check-in" in _last_line(session)
    session.hear("yes", t=7)
    assert session.out.spoken_keys()[-1] == "system.forgotten_schedule"
    session.at(2 * DAY)
    assert _due_times(session) == []


# --- more time ------------------------------------------------------------------------


def test_extend_a_pause_moves_its_end_and_survives_a_restart(make_session) -> None:
    s = make_session()
    s.hear("we need a minute", t=0)
    got = s.hear("give us two more minutes", t=20)
    assert (got.name, got.slots) == ("extend", {"seconds": 120})
    assert s.out.spoken_keys()[-1] == "extend.pause"
    assert "two minutes" in _last_line(s) and "about three minutes" in _last_line(s)
    s.at(100)
    assert "pause.end" not in s.out.spoken_keys()
    s.store.close()
    # Off at 100 s, back at 150 s: the new deadline (180 s) holds.
    s = make_session(datetime(2026, 1, 5, 19, 2, 30))
    s.at(29)
    assert "pause.end" not in s.out.spoken_keys()
    s.at(31)
    assert [t for t, key, _ in s.out.said() if key == "pause.end"] == [30]


def test_extend_during_space_moves_the_return_time(session) -> None:
    session.hear("I need some space, back in twenty minutes", t=0)
    session.hear("ten more minutes", t=60)
    assert session.out.spoken_keys()[-1] == "extend.space"
    assert "7:30" in _last_line(session)
    session.at(20 * 60 + 1)
    assert "space.return" not in session.out.spoken_keys()
    session.at(30 * 60)
    assert [t for t, key, _ in session.out.said() if key == "space.return"] == [30 * 60]


def test_extend_with_nothing_running_offers_a_pause(session) -> None:
    session.hear("five more minutes", t=0)
    assert session.out.spoken_keys() == ["extend.nothing_running"]
    assert "five minutes" in _last_line(session)
    session.hear("yes", t=3)
    assert session.out.spoken_keys()[-1] == "pause.start"
    session.at(303)
    assert [t for t, key, _ in session.out.said() if key == "pause.end"] == [303]


def test_extend_with_a_length_it_cannot_read_asks(session) -> None:
    session.hear("we need a minute", t=0)
    got = session.hear("give us five more", t=10)
    assert (got.name, got.slots) == ("extend", {"seconds": None})
    assert session.out.spoken_keys()[-1] == "extend.how_long"
    session.hear("three", t=12)  # answers "how many more minutes?"
    assert session.out.spoken_keys()[-1] == "extend.pause"
    session.at(240)
    assert [t for t, key, _ in session.out.said() if key == "pause.end"] == [240]


def test_more_time_with_no_length_asks_how_much(session) -> None:
    """No length said is no length guessed; "a bit longer" is the default minute."""
    session.hear("we need a minute", t=0)
    got = session.hear("more time please", t=10)
    assert (got.name, got.slots.get("seconds")) == ("extend", None)
    assert session.out.spoken_keys()[-1] == "extend.how_long"
    session.hear("two minutes", t=14)
    assert session.out.spoken_keys()[-1] == "extend.pause"
    got = session.hear("can we have a bit longer", t=20)
    assert (got.name, got.slots.get("seconds")) == ("extend", 60)
    session.at(240)
    assert [t for t, key, _ in session.out.said() if key == "pause.end"] == [240]


# --- volume ---------------------------------------------------------------------------


def test_volume_steps_stop_at_the_limits_and_persist(make_session) -> None:
    s = make_session()
    assert s.hear("speak louder", t=0).slots == {"direction": "up"}
    assert s.out.spoken_keys() == ["volume.loudest"]  # the default is the loudest
    for k in range(5):
        s.hear("quieter please", t=1 + k)
    levels = [f["level"] for _, f in s.out.events("volume_set")]
    assert levels == [0.8, 0.6, 0.4, 0.2]
    assert s.out.spoken_keys()[-1] == "volume.quietest"
    s.hear("turn it up", t=10)
    assert s.out.events("volume_set")[-1][1] == {"level": 0.4}
    s.store.close()
    s = make_session(datetime(2026, 1, 5, 20, 0))
    assert s.out.events("volume_set") == [(0.0, {"level": 0.4})]


# --- safety ---------------------------------------------------------------------------


def test_safety_during_a_pause_ends_it_quietly_and_points_to_help(make_session) -> None:
    s = make_session(crisis_line="the 988 crisis line")
    s.hear("set our check in for seven oh one pm every evening", t=0)
    s.hear("we need five minutes", t=10)
    s.at(70)  # the check-in due at 19:01 waits for the pause
    assert "schedule.due" not in s.out.spoken_keys()
    assert s.hear("I'm going to hurt myself", t=70).name == "safety"
    keys = s.out.spoken_keys()
    assert keys[-1] == "safety.line" and "the 988 crisis line" in _last_line(s)
    s.at(600)
    assert s.out.spoken_keys() == keys  # no countdown, no end line, no check-in after it
    assert s.out.stops >= 1
    rows = s.store.events(kind="safety")
    assert len(rows) == 1 and set(rows[0]) == {"id", "at", "kind"}


def test_safety_wins_over_dictation_and_is_not_stored(session) -> None:
    session.hear("I want to say something I appreciate", t=0)
    assert session.engine.listen_mode == "dictation"
    text = "thank you for staying when I said I don't want to be alive anymore"
    assert session.hear(text, t=3).name == "safety"
    assert session.out.spoken_keys()[-1] == "safety.line"
    assert session.store.appreciations() == []
    assert session.engine.listen_mode == "wake"


def test_safety_is_never_taken_as_an_answer(session) -> None:
    session.hear("forget everything", t=0)
    session.hear("I don't feel safe at home", t=2)
    assert session.out.spoken_keys()[-1] == "safety.line"
    session.hear("yes", t=4)  # the question was dropped: nothing is erased
    assert "system.forgotten" not in session.out.spoken_keys()
    assert session.store.events(kind="safety")


def test_everyday_words_do_not_get_the_safety_line(session) -> None:
    for k, text in enumerate(
        ["this traffic is killing me", "I could kill for a coffee", "he hit me up yesterday"]
    ):
        session.hear(text, t=k)
    assert session.out.said() == []


def test_simulate_script_extend_and_safety_words_never_stored(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"
    script = tmp_path / "script.txt"
    script.write_text(
        "@0 hey hearth we need a minute\n@20 hey hearth two more minutes please\n"
        "@100 he hit me and I'm scared he'll hurt me\n@400\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "simulate", str(script), "--db", str(db),
         "--start", "2026-01-05T19:00:00"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    said = [(x["t"], x["key"]) for x in lines if "say" in x]
    assert (20, "extend.pause") in said and (100, "safety.line") in said
    assert "pause.end" not in [key for _, key in said]
    wal = tmp_path / "hearth.db-wal"
    raw = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"scared" not in raw.lower() and b"hit me" not in raw.lower()
    assert [e["kind"] for e in Store(db).events(kind="safety")] == ["safety"]
