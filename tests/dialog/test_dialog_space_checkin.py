"""Time alone asked for during a check-in: the check-in waits (nobody is asked whether it
helped while one partner is away) and is picked up when both are back; a scheduled
check-in due during time alone waits for the return."""

from __future__ import annotations

from assistant.dialog.skills.checkin import SESSION_S

HOUR = 3600


def _question(session) -> str:
    return [text for _, key, text in session.out.said() if key == "checkin.question"][-1]


def test_space_during_a_checkin_holds_it_and_picks_it_up_on_return(session) -> None:
    session.do("checkin", t=0)
    question = _question(session)
    session.do("space", t=60, seconds=1200)  # back at t=1260
    assert session.out.spoken_keys()[-2:] == ["space.confirm", "space.checkin_held"]
    assert session.out.events("checkin_held")
    session.at(1259)  # well past the check-in's own length: still no wrap-up
    keys = session.out.spoken_keys()
    assert "checkin.helped_question" not in keys and "checkin.wrap_up" not in keys
    session.at(1260)
    assert session.out.spoken_keys()[-1] == "space.return"
    session.do("yes", t=1265)
    assert session.out.spoken_keys()[-3:] == [
        "space.welcome_back",
        "checkin.pick_up",
        "checkin.question",
    ]
    assert _question(session) == question
    # The rest of the check-in's time runs from the return, then it wraps up and asks.
    session.at(1265 + SESSION_S - 60 - 1)
    assert "checkin.helped_question" not in session.out.spoken_keys()
    session.at(1265 + SESSION_S - 60)
    assert session.out.spoken_keys()[-1] == "checkin.helped_question"


def test_coming_back_early_from_space_picks_up_the_checkin(session) -> None:
    session.do("checkin", t=0).do("space", t=30, seconds=1800).do("resume", t=300)
    assert session.out.spoken_keys()[-2:] == ["checkin.pick_up", "checkin.question"]
    assert session.engine.state.checkin is not None


def test_not_back_yet_closes_the_held_checkin_kindly_without_asking(session) -> None:
    session.do("checkin", t=0).do("space", t=30, seconds=600)
    session.at(630).do("no", t=640)
    assert session.out.spoken_keys()[-1] == "space.take_time"
    assert session.engine.state.checkin is None
    assert session.out.events("checkin_ended")[-1][1] == {"completed": False}
    session.at(640 + 2 * SESSION_S)
    keys = session.out.spoken_keys()
    assert "checkin.helped_question" not in keys and "checkin.pick_up" not in keys
    assert session.engine.listen_mode == "wake"


def test_a_pause_during_space_does_not_pick_up_the_checkin_early(session) -> None:
    session.do("checkin", t=0).do("space", t=30, seconds=600)
    session.do("pause", t=100, seconds=60).at(200)
    keys = session.out.spoken_keys()
    assert "pause.end" in keys and "checkin.pick_up" not in keys
    session.at(630).do("yes", t=635)
    assert session.out.spoken_keys()[-2:] == ["checkin.pick_up", "checkin.question"]


def test_space_while_the_helped_question_is_open_drops_the_question(session) -> None:
    session.do("checkin", t=0).at(SESSION_S)
    assert session.engine.listen_mode == "answer"
    session.do("space", t=SESSION_S + 2, seconds=600).at(SESSION_S + 700)
    assert session.out.spoken_keys().count("checkin.helped_question") == 1
    assert session.out.events("feedback") == []


def test_a_scheduled_checkin_due_during_space_waits_for_the_return(session) -> None:
    session.do("schedule", t=0, time="20:00", cadence="daily")
    session.do("space", t=HOUR - 600, seconds=1200)  # 19:50 to 20:10
    session.at(HOUR + 599)
    assert "schedule.due" not in session.out.spoken_keys()
    session.at(HOUR + 600)
    assert session.out.spoken_keys()[-1] == "space.return"
    session.do("yes", t=HOUR + 610)
    keys = session.out.spoken_keys()
    assert keys[-5:-3] == ["space.welcome_back", "schedule.due"]
    assert [t for t, key, _ in session.out.said() if key == "schedule.due"] == [HOUR + 610]


def test_a_scheduled_checkin_is_skipped_when_they_are_not_back_together(session) -> None:
    session.do("schedule", t=0, time="20:00", cadence="daily")
    session.do("space", t=HOUR - 600, seconds=1200).at(HOUR + 600)
    session.do("no", t=HOUR + 610)
    assert session.out.spoken_keys()[-1] == "space.take_time"
    assert session.engine.state.checkin is None
    assert session.out.events("checkin_skipped")[-1][1] == {"missed": "2026-01-05T20:00:00"}
    session.at(25 * HOUR)  # the next evening's check-in still comes
    assert [t for t, key, _ in session.out.said() if key == "schedule.due"] == [25 * HOUR]
