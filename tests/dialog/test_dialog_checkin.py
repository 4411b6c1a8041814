"""Check-in: questions, no repeats across restarts, pause holding it, the helped question."""

from __future__ import annotations

from datetime import timedelta

from assistant.dialog.responses import Responses
from assistant.dialog.skills.checkin import SESSION_S


def _questions(session) -> list[str]:
    return [text for _, key, text in session.out.said() if key == "checkin.question"]


def test_checkin_reads_an_open_question_and_invites_reflection(session) -> None:
    session.do("checkin", t=0)
    keys = session.out.spoken_keys()
    assert keys == ["checkin.intro", "checkin.question", "checkin.invite"]
    question = _questions(session)[0]
    assert question in Responses().all_questions()
    assert question.endswith("?")
    invite = session.out.said()[-1][2].lower()
    assert "heard" in invite


def test_next_question_is_different_and_repeat_repeats_the_question(session) -> None:
    session.do("checkin", t=0).do("next_question", t=30).do("repeat", t=60)
    first, second, repeated = _questions(session)
    assert first != second
    assert repeated == second


def test_no_question_repeats_until_the_bank_is_used_up_across_restarts(make_session) -> None:
    bank = Responses().all_questions()
    asked: list[str] = []
    s = make_session()
    s.do("checkin", t=0)
    for i in range(len(bank) - 1):
        if i % 20 == 19:  # restart the device now and then: a fresh engine on the same file
            asked += _questions(s)
            s.store.close()
            s = make_session()
            s.do("checkin", t=0)
        else:
            s.do("next_question", t=i + 1)
    asked += _questions(s)
    assert len(asked) == len(bank)
    assert sorted(asked) == sorted(bank)
    s.do("next_question", t=len(bank) + 5)  # a new round starts only now
    assert _questions(s)[-1] in bank


def test_checkin_wraps_up_and_asks_if_it_helped_then_logs_the_answer(session) -> None:
    session.do("checkin", t=0).at(SESSION_S)
    assert session.out.spoken_keys()[-2:] == ["checkin.wrap_up", "checkin.helped_question"]
    assert session.engine.listen_mode == "answer"
    session.do("yes", t=SESSION_S + 3)
    assert session.out.spoken_keys()[-1] == "checkin.thanks_helped"
    assert session.engine.listen_mode == "wake"
    later = session.clock.wall() + timedelta(seconds=1)
    assert session.store.feedback(session.clock.start, later) == [("checkin", True)]


def test_helped_question_lapses_quietly_when_nobody_answers(session) -> None:
    session.do("checkin", t=0).at(SESSION_S + 120)
    assert session.out.spoken_keys()[-1] == "checkin.helped_question"
    assert session.engine.listen_mode == "wake"
    session.do("yes", t=SESSION_S + 130)
    assert session.out.spoken_keys()[-1] == "system.yes_neutral"  # no longer an answer


def test_a_pause_during_a_checkin_holds_it_and_picks_it_up_afterwards(session) -> None:
    session.do("checkin", t=0).do("pause", t=100, seconds=60)
    question = _questions(session)[0]
    assert session.out.events("checkin_held")
    session.at(160)
    keys = session.out.spoken_keys()
    end = keys.index("pause.end")
    assert keys[end + 1 : end + 3] == ["checkin.pick_up", "checkin.question"]
    assert _questions(session)[-1] == question
    # The check-in's own time was held: it wraps up a minute later than planned.
    session.at(SESSION_S + 59)
    assert "checkin.wrap_up" not in session.out.spoken_keys()
    session.at(SESSION_S + 61)
    assert "checkin.wrap_up" in session.out.spoken_keys()


def test_stop_ends_the_checkin_without_a_question(session) -> None:
    session.do("checkin", t=0).do("stop", t=20).at(SESSION_S + 10)
    assert "checkin.wrap_up" not in session.out.spoken_keys()
    assert session.engine.state.checkin is None
    assert session.out.stops == 1


def test_dialog_state_names_follow_the_conversation(session) -> None:
    modes = [session.engine.state.mode]
    session.do("checkin", t=0)
    modes.append(session.engine.state.mode)
    session.do("pause", t=10)
    modes.append(session.engine.state.mode)
    session.at(70)
    modes.append(session.engine.state.mode)
    session.do("add_idea", t=80)
    modes.append(session.engine.state.mode)
    session.hear("walk after dinner", t=85)
    modes.append(session.engine.state.mode)
    assert modes == ["idle", "checkin", "pause", "checkin", "dictation", "awaiting_answer"]
