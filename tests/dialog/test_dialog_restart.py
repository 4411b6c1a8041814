"""Running timers survive a restart: one engine on a real SQLite file is "powered off"
(dropped) while a pause, space or ritual runs, the virtual clock moves on, and a new
engine on the same file restores each timer from its absolute wall-clock deadline."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

START = datetime(2026, 1, 5, 19, 0, 0)  # the conftest's session start (a Monday evening)
HOUR = 3600


def _restart(s, make_session, off_for: float):
    """Power off now (the engine and its timers are gone) and start again `off_for`
    seconds later on the same database file."""
    back = s.clock.wall() + timedelta(seconds=off_for)
    s.store.close()
    return make_session(back)


def _timers(s, kind: str) -> list[tuple[str | None, str | None]]:
    rows = s.store.db.query(
        "SELECT ended_at, outcome FROM timers WHERE kind = ? ORDER BY id", [kind]
    )
    return [(r["ended_at"], r["outcome"]) for r in rows]


def test_space_return_time_still_ahead_is_kept_after_a_restart(make_session) -> None:
    s = make_session()
    s.do("space", t=0, seconds=1800)  # back at 19:30
    s.at(600)
    s = _restart(s, make_session, off_for=600)  # off 19:10 to 19:20
    assert s.out.events("timer_restored")[0][1] == {"timer": "space", "left": 600}
    # Said at once on start: the time apart is still on, until 19:30.
    assert s.out.said()[0][1] == "space.still_running"
    assert "ten minutes" in s.out.said()[0][2] and "7:30" in s.out.said()[0][2]
    s.at(599)
    assert "space.return" not in s.out.spoken_keys()
    s.at(600)  # 19:30, the agreed time
    assert s.out.said()[-1][:2] == (600, "space.return")
    assert s.clock.wall() == datetime(2026, 1, 5, 19, 30)
    s.do("yes", t=610)
    assert s.out.spoken_keys()[-1] == "space.welcome_back"
    assert s.out.events("space_returned")[-1][1] == {"on_time": True}
    assert _timers(s, "space") == [("2026-01-05T19:30:10", "on_time")]
    assert s.store.open_timers() == []


def test_time_left_after_a_restart_counts_the_time_off(make_session) -> None:
    s = make_session()
    s.do("space", t=0, seconds=1800).at(300)
    s = _restart(s, make_session, off_for=300)
    s.do("time_left", t=0)
    line = s.out.said()[-1][2]
    assert "twenty minutes" in line and "7:30" in line


def test_space_return_passed_while_off_prompts_on_start_within_the_grace(make_session) -> None:
    s = make_session()
    s.do("space", t=0, seconds=600).at(60)  # back at 19:10
    s = _restart(s, make_session, off_for=15 * 60)  # off until 19:16
    s.at(0)
    assert s.out.spoken_keys() == ["space.return"]
    assert s.engine.listen_mode == "answer"
    s.do("yes", t=5)
    assert s.out.spoken_keys()[-1] == "space.welcome_back"
    assert [outcome for _, outcome in _timers(s, "space")] == ["on_time"]


def test_space_return_long_past_is_logged_as_missed(make_session) -> None:
    s = make_session(checkin_grace_s=30 * 60)
    s.do("space", t=0, seconds=600).at(60)  # back at 19:10
    s = make_session(datetime(2026, 1, 5, 20, 0), checkin_grace_s=30 * 60)  # 50 minutes late
    s.at(300)
    assert s.out.spoken_keys() == []
    assert s.out.events("space_returned") == [(0, {"on_time": None, "missed": True})]
    assert _timers(s, "space") == [("2026-01-05T20:00:00", "missed")]
    assert s.engine.state.space is None
    s.do("time_left", t=301)
    assert s.out.spoken_keys() == ["pause.no_timer"]


def test_a_pause_that_ended_while_off_is_closed_without_a_word(make_session) -> None:
    s = make_session()
    s.do("pause", t=0, seconds=60).at(10)
    s = _restart(s, make_session, off_for=300)
    s.at(120)
    assert s.out.spoken_keys() == []
    assert s.engine.state.pause is None
    assert _timers(s, "pause") == [("2026-01-05T19:05:10", "ended_while_off")]
    s.do("time_left", t=121)
    assert s.out.spoken_keys() == ["pause.no_timer"]


def test_a_pause_still_running_keeps_its_deadline_and_the_rest_of_its_countdown(
    make_session,
) -> None:
    s = make_session()
    s.do("pause", t=0, seconds=60).at(20)  # ends at 19:01:00
    s = _restart(s, make_session, off_for=5)  # back at 19:00:25, 35 seconds left
    s.at(100)
    said = [(t, key) for t, key, _ in s.out.said()]
    assert said == [
        (0, "pause.still_running"),  # said at once: where the pause stands
        (5, "pause.countdown"),
        (25, "pause.last_seconds"),
        (35, "pause.end"),
    ]
    assert "thirty five seconds" in s.out.said()[0][2]
    assert _timers(s, "pause") == [("2026-01-05T19:01:00", "completed")]


def test_resume_after_a_restart_ends_the_restored_pause(make_session) -> None:
    s = make_session()
    s.do("pause", t=0, seconds=120).at(10)
    s = _restart(s, make_session, off_for=10)
    s.do("resume", t=5).at(200)
    assert s.out.spoken_keys() == ["pause.still_running", "pause.resume"]
    assert [outcome for _, outcome in _timers(s, "pause")] == ["resumed"]


def test_a_ritual_still_running_keeps_its_end_and_remaining_cues(make_session) -> None:
    s = make_session()
    s.do("ritual", t=0, ritual="mindfulness").at(30)  # 3 minutes, cues at 20/60/100/140
    cues_before = s.out.spoken_keys().count("ritual.mindfulness.cue")
    assert cues_before == 1
    s = _restart(s, make_session, off_for=40)  # back 70 seconds in
    s.do("time_left", t=0)
    assert "two minutes" in s.out.said()[-1][2]
    s.at(200)
    said = [(t, key) for t, key, _ in s.out.said()[1:]]
    assert said == [
        (30, "ritual.mindfulness.cue"),
        (70, "ritual.mindfulness.cue"),
        (110, "ritual.mindfulness.end"),
    ]
    assert [outcome for _, outcome in _timers(s, "ritual")] == ["completed"]


def test_a_ritual_that_ended_while_off_is_closed_quietly(make_session) -> None:
    s = make_session()
    s.do("ritual", t=0, ritual="walk").at(60)
    s = _restart(s, make_session, off_for=HOUR)
    s.at(1200)
    assert s.out.spoken_keys() == []
    assert [outcome for _, outcome in _timers(s, "ritual")] == ["ended_while_off"]


def test_a_checkin_due_during_a_restored_space_waits_for_the_return(make_session) -> None:
    s = make_session()
    s.do("schedule", t=0, time="20:00", cadence="daily")
    s.do("space", t=2400, seconds=1800)  # 19:40, back at 20:10
    s.at(3000)
    s = _restart(s, make_session, off_for=300)  # off 19:50 to 19:55
    s.at(600)  # 20:05: the check-in is due but one partner is away
    assert "schedule.due" not in s.out.spoken_keys()
    s.at(900)
    assert s.out.spoken_keys() == ["space.still_running", "space.return"]
    s.do("yes", t=905)
    keys = s.out.spoken_keys()
    assert keys[2:5] == ["space.welcome_back", "schedule.due", "checkin.intro"]


def test_simulate_with_db_restores_a_running_space_across_two_runs(tmp_path: Path) -> None:
    db = tmp_path / "hearth.db"

    def run(script: str, start: str) -> list[dict]:
        path = tmp_path / "script.txt"
        path.write_text(script)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "assistant",
                "simulate",
                str(path),
                "--start",
                start,
                "--db",
                str(db),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    first = run("@0 I need some space, back in thirty minutes\n@300\n", "2026-03-01T20:00:00")
    assert any("8:30" in line.get("say", "") for line in first)
    second = run("@0\n@900\n", "2026-03-01T20:15:00")  # restarted at 20:15
    said = [(line["t"], line["key"]) for line in second if "say" in line]
    assert said == [(0, "space.still_running"), (900, "space.return")]
    assert "8:30" in next(line["say"] for line in second if "say" in line)
