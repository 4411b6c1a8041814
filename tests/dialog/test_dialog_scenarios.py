"""Whole evenings through `engine.hear(text)`: the real parser, engine, skills and store."""

from __future__ import annotations

from assistant.dialog.skills.checkin import SESSION_S


def test_heated_talk_pause_then_checkin_resumes(session) -> None:
    session.hear("let's start tonight's check in", t=0)
    assert session.out.spoken_keys()[-1] == "checkin.invite"
    assert session.hear("why do you always do this", t=30).name == "none"
    session.hear("hey hearth can we have a one minute time out", t=40)
    assert session.out.spoken_keys()[-1] == "pause.start"
    session.hear("how long is left on the pause", t=60)
    assert "about forty seconds" in session.out.said()[-1][2].lower()
    session.at(100)
    keys = session.out.spoken_keys()
    assert keys[-3:] == ["pause.end", "checkin.pick_up", "checkin.question"]
    session.hear("a different question", t=130)
    assert session.out.spoken_keys()[-2:] == ["checkin.next", "checkin.question"]
    session.at(SESSION_S + 61)
    assert session.out.spoken_keys()[-1] == "checkin.helped_question"
    session.hear("yes", t=SESSION_S + 63)
    assert session.out.spoken_keys()[-1] == "checkin.thanks_helped"


def test_space_asked_without_a_duration_takes_a_spoken_answer(session) -> None:
    session.hear("I need some space", t=0)
    assert session.out.spoken_keys() == ["space.how_long"]
    intent = session.hear("twenty minutes", t=5)
    assert (intent.name, intent.slots) == ("space", {"seconds": 1200})
    assert "7:20" in session.out.said()[-1][2].lower()
    session.at(1205)
    assert session.out.spoken_keys()[-1] == "space.return"
    session.hear("yes", t=1210)
    assert session.out.events("space_returned")[-1][1] == {"on_time": True}


def test_schedule_by_voice_then_it_fires(session) -> None:
    session.hear("set our check in for nine thirty every evening", t=0)
    assert "every evening at 9:30" in session.out.said()[-1][2].lower()
    session.at(2.5 * 3600)
    assert "schedule.due" in session.out.spoken_keys()


def test_dictated_idea_then_tried_then_feedback(session) -> None:
    session.hear("add an idea", t=0)
    assert session.engine.listen_mode == "dictation"
    assert session.hear("a phone free dinner on fridays", t=4).name == "dictation"
    session.hear("yes", t=8)
    session.hear("what should we try next", t=20)
    assert "a phone free dinner on fridays" in session.out.said()[-1][2].lower()
    session.hear("that really helped", t=60)
    assert session.store.ideas()[0]["helped"] == 1


def test_stop_cancels_dictation(session) -> None:
    session.hear("add an appreciation", t=0)
    session.hear("never mind", t=3)
    assert session.engine.listen_mode == "wake"
    assert session.store.appreciations() == []
    assert session.out.spoken_keys() == ["journal.ask_appreciation"]


def test_rituals_by_voice(session) -> None:
    session.hear("time for our walk", t=0)
    session.hear("let's do a mindfulness practice", t=10)  # replaces the walk
    session.at(15 * 60 + 10)
    keys = session.out.spoken_keys()
    assert "ritual.mindfulness.end" in keys and "ritual.walk.end" not in keys


def test_summary_support_help_and_forget_by_voice(session) -> None:
    session.hear("celebrate a small win", t=0)
    session.hear("how are we doing", t=5)
    assert "summary.wins" in session.out.spoken_keys()
    session.hear("we might need a therapist", t=10)
    assert session.out.spoken_keys()[-2:] == ["support.suggest", "support.next_step"]
    session.hear("what can you do", t=15)
    assert session.out.spoken_keys()[-1] == "system.help"
    session.hear("forget everything", t=20)
    assert session.engine.listen_mode == "answer"
    session.hear("yes", t=22)
    assert session.store.row_count() == 0
