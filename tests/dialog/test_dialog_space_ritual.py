"""Space with a kept return time, and the shared rituals."""

from __future__ import annotations

from assistant.dialog.responses import Responses, fill


def test_space_confirms_the_return_time_in_clock_words(session) -> None:
    session.do("space", t=0, seconds=1800)
    line = session.out.said()[-1][2]
    assert "7:30" in line and "thirty minutes" in line  # START is 19:00


def test_space_without_a_duration_asks_how_long_then_takes_the_answer(session) -> None:
    session.do("space", t=0, seconds=None)
    assert session.out.spoken_keys() == ["space.how_long"]
    assert session.engine.listen_mode == "answer"
    session.do("space", t=4, seconds=1200)  # "twenty minutes" as the answer
    assert "7:20" in session.out.said()[-1][2].lower()
    assert session.engine.listen_mode == "wake"


def test_space_return_prompt_and_on_time_logged(session) -> None:
    session.do("space", t=0, seconds=600).at(600)
    assert session.out.spoken_keys()[-1] == "space.return"
    assert session.out.said()[-1][0] == 600
    session.do("yes", t=610)
    assert session.out.spoken_keys()[-1] == "space.welcome_back"
    assert session.out.events("space_returned")[-1][1] == {"on_time": True}
    rows = list(session.store.db.query("SELECT outcome FROM timers WHERE kind = 'space'"))
    assert rows == [{"outcome": "on_time"}]


def test_space_not_back_yet_is_logged_as_late(session) -> None:
    session.do("space", t=0, seconds=600).do("no", t=605)
    assert session.out.spoken_keys()[-1] == "space.take_time"
    assert session.out.events("space_returned")[-1][1] == {"on_time": False}


def test_coming_back_early_ends_the_space_on_time(session) -> None:
    session.do("space", t=0, seconds=600).do("resume", t=300)
    assert session.out.spoken_keys()[-1] == "space.welcome_back"
    session.out.clear()
    session.at(1000)
    assert session.out.said() == []


def test_time_left_during_space(session) -> None:
    session.do("space", t=0, seconds=1200).do("time_left", t=300)
    assert "about fifteen minutes" in session.out.said()[-1][2].lower()


def test_a_scheduled_checkin_waits_until_time_alone_is_over(session) -> None:
    session.do("schedule", t=0, time="19:10", cadence="daily")
    session.do("space", t=300, seconds=600)  # 19:05 to 19:15
    session.at(899)
    assert "schedule.due" not in session.out.spoken_keys()
    session.do("yes", t=905)
    assert session.out.spoken_keys()[-4] == "schedule.due"


def test_walk_runs_fifteen_minutes_with_start_and_end_lines(session) -> None:
    walk = Responses().rituals["walk"]
    session.do("ritual", t=0, ritual="walk")
    fifteen = {"duration": "fifteen minutes"}
    assert session.out.said()[0][2] in [fill(v, fifteen) for v in walk.start]
    session.at(15 * 60 - 1)
    assert len(session.out.said()) == 1
    session.at(15 * 60)
    assert session.out.said()[-1][2] in [fill(v, fifteen) for v in walk.end]
    assert session.out.events("ritual_ended")[-1][1] == {"ritual": "walk"}


def test_mindfulness_gives_timed_breathing_cues(session) -> None:
    mind = Responses().rituals["mindfulness"]
    session.do("ritual", t=0, ritual="mindfulness").at(mind.seconds)
    times = [t for t, key, _ in session.out.said() if key == "ritual.mindfulness.cue"]
    assert times == [at for at, _ in mind.cues]
    assert session.out.spoken_keys()[-1] == "ritual.mindfulness.end"


def test_every_ritual_has_its_duration_from_the_data_file(session) -> None:
    rituals = Responses().rituals
    assert rituals["walk"].seconds == 15 * 60 and rituals["call"].seconds == 10 * 60
    for name in ("walk", "coffee", "breakfast", "mindfulness", "call"):
        assert name in rituals


def test_unknown_ritual_asks_which(session) -> None:
    session.do("ritual", t=0, ritual=None)
    assert session.out.spoken_keys() == ["ritual.which"]


def test_mindfulness_cues_are_dropped_during_a_pause_and_the_end_waits(session) -> None:
    session.do("ritual", t=0, ritual="mindfulness").do("pause", t=50, seconds=60)
    session.at(200)
    keys = [(t, k) for t, k, _ in session.out.said()]
    assert (60, "ritual.mindfulness.cue") not in keys
    assert (100, "ritual.mindfulness.cue") not in keys
    assert (140, "ritual.mindfulness.cue") in keys


def test_space_till_a_clock_time_keeps_that_return_time(session) -> None:
    session.hear("i need some space till nine", t=0)  # START is 19:00
    assert session.out.events("timer_started")[0][1] == {"timer": "space", "seconds": 7200}
    assert "two hours" in session.out.said()[-1][2]
