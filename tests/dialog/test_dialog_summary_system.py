"""Summary (this week against last, what helps, hard stretch), support, and system intents."""

from __future__ import annotations

from datetime import timedelta

DAY = timedelta(days=1)


def _pauses(store, start, count: int) -> None:
    for i in range(count):
        at = start + i * timedelta(hours=5)
        store.timer_started("pause", at, 60, at + timedelta(minutes=1))


def test_summary_compares_this_week_with_last_and_names_what_helps(session) -> None:
    store, now = session.store, session.clock.wall()
    _pauses(store, now - 10 * DAY, 3)
    _pauses(store, now - 3 * DAY, 1)
    for days in (2, 3, 4):
        store.log(now - days * DAY, "checkin_started", scheduled=True)
        store.add_feedback(now - days * DAY, "checkin", None, True)
    store.add_feedback(now - 9 * DAY, "ritual", None, True)
    session.do("summary", t=1)
    said = {key: text for _, key, text in session.out.said()}
    assert said["summary.checkins"].count("three") == 1 and "none" in said["summary.checkins"]
    assert "one" in said["summary.pauses"] and "three" in said["summary.pauses"]
    assert "summary.helps_most_checkin" in said
    assert "summary.hard_stretch" not in said
    assert "summary.encourage" in said


def test_hard_stretch_gently_mentions_outside_support(session) -> None:
    store, now = session.store, session.clock.wall()
    _pauses(store, now - 13 * DAY, 5)
    _pauses(store, now - 6 * DAY, 6)
    store.add_feedback(now - 2 * DAY, "pause", None, False)
    session.do("summary", t=1)
    keys = session.out.spoken_keys()
    assert "summary.hard_stretch" in keys
    line = session.out.said()[keys.index("summary.hard_stretch")][2].lower()
    assert "investment" in line and ("counsellor" in line or "coach" in line)


def test_many_pauses_that_helped_is_not_a_hard_stretch(session) -> None:
    store, now = session.store, session.clock.wall()
    _pauses(store, now - 13 * DAY, 5)
    _pauses(store, now - 6 * DAY, 6)
    for d in range(1, 6):
        store.add_feedback(now - d * DAY, "pause", None, True)
    session.do("summary", t=1)
    assert "summary.hard_stretch" not in session.out.spoken_keys()
    assert "summary.helps_most_pause" in session.out.spoken_keys()


def test_summary_of_an_empty_log(session) -> None:
    session.do("summary", t=0)
    assert session.out.spoken_keys() == ["summary.empty"]


def test_support_frames_help_as_an_investment(session) -> None:
    session.do("support", t=0)
    text = " ".join(t for _, _, t in session.out.said()).lower()
    assert "invest" in text
    assert "http" not in text and "www" not in text


def test_help_yes_no_outside_a_question(session) -> None:
    session.do("help", t=0).do("yes", t=1).do("no", t=2)
    assert session.out.spoken_keys() == ["system.help", "system.yes_neutral", "system.no_neutral"]


def test_a_yes_when_nothing_was_asked_is_not_heard_as_agreement(session) -> None:
    """A request misheard as "yes" must not get what sounds like a yes to it."""
    for t in range(6):
        session.do("yes", t=t * 10)
    lines = {text for _, _, text in session.out.said()}
    assert lines, "nothing said"
    for text in lines:
        assert "nothing" in text.lower() or "didn't ask" in text.lower(), text


def test_repeat_says_the_last_lines_again(session) -> None:
    session.do("win", t=0).do("repeat", t=5)
    said = session.out.said()
    assert said[1][1:] == said[0][1:]
    assert session.out.spoken_keys() == ["journal.win", "journal.win"]


def test_forget_asks_first_and_no_keeps_everything(session) -> None:
    session.do("win", t=0).do("forget", t=1)
    assert session.out.spoken_keys()[-1] == "system.forget_confirm"
    session.do("no", t=3)
    assert session.out.spoken_keys()[-1] == "system.forget_kept"
    assert session.store.row_count() > 0


def test_forget_yes_erases_every_row(session) -> None:
    session.do("appreciation", t=0, text="the soup").do("yes", t=1)
    session.do("schedule", t=2, time="20:00", cadence="daily").do("checkin", t=3)
    session.do("forget", t=10).do("yes", t=12)
    # the schedule was erased too, and the line says so
    assert session.out.spoken_keys()[-1] == "system.forgotten_schedule"
    assert session.store.row_count() == 0


def test_none_does_nothing_at_all(session) -> None:
    session.do("none", t=0)
    assert session.out.records == []
    assert session.store.row_count() == 0


def test_every_command_is_logged_with_intent_slots_and_confidence(session) -> None:
    session.do("pause", t=0, seconds=90)
    event = session.store.events(kind="command")[0]
    assert (event["intent"], event["slots"], event["confidence"]) == (
        "pause",
        {"seconds": 90},
        0.95,
    )


def test_dictated_text_in_slots_is_not_logged_with_the_command(session) -> None:
    session.do("add_idea", t=0, text="a private idea").do("no", t=1)
    raw = session.db.read_bytes() + _wal(session)
    assert b"a private idea" not in raw
    assert session.store.events(kind="command")[0]["intent"] == "no"


def _wal(session) -> bytes:
    wal = session.db.with_name(session.db.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_stop_while_a_question_is_open_drops_only_the_question(session) -> None:
    session.do("checkin", t=0).do("add_idea", t=10).do("stop", t=12)
    assert session.engine.listen_mode == "wake"
    assert session.engine.state.checkin is not None  # the check-in carries on
    assert session.out.events("stopped")[-1][1] == {"question": "dictate"}
    session.do("stop", t=20)  # a second stop ends the check-in itself
    assert session.engine.state.checkin is None
