"""Appreciations, ideas (dictation, confirmation, one at a time), feedback and wins."""

from __future__ import annotations

from datetime import timedelta


def test_appreciation_with_text_is_read_back_and_saved_on_yes(session) -> None:
    session.do("appreciation", t=0, text="thank you for cooking tonight")
    assert "thank you for cooking tonight" in session.out.said()[-1][2].lower()
    assert session.store.appreciations() == []  # not before a yes
    session.do("yes", t=3)
    assert session.store.appreciations() == ["thank you for cooking tonight"]
    assert session.out.spoken_keys()[-1] == "journal.saved_appreciation"


def test_appreciation_declined_is_not_stored(session) -> None:
    session.do("appreciation", t=0, text="you listened well").do("no", t=2)
    assert session.store.appreciations() == []
    assert session.out.spoken_keys()[-1] == "journal.not_saved"


def test_dictation_captures_the_next_text_verbatim(session) -> None:
    session.do("add_idea", t=0)
    assert session.out.spoken_keys() == ["journal.ask_idea"]
    assert session.engine.listen_mode == "dictation"
    # The dictated text is taken as it is, even when it sounds like a command.
    intent = session.hear("take a pause before we talk about money", t=5)
    assert intent.name == "dictation"
    assert session.engine.state.pause is None
    assert "take a pause before we talk about money" in session.out.said()[-1][2].lower()
    assert session.engine.listen_mode == "answer"
    session.do("yes", t=8)
    assert [i["text"] for i in session.store.ideas()] == ["take a pause before we talk about money"]


def test_dictation_lapses_when_nothing_is_said(session) -> None:
    session.do("appreciation", t=0).at(60)
    assert session.engine.listen_mode == "wake"
    assert session.store.appreciations() == []


def test_read_appreciations_newest_first(session) -> None:
    for i, text in enumerate(["the flowers", "the tea", "the call"]):
        session.do("appreciation", t=10 * i, text=text).do("yes", t=10 * i + 1)
    session.out.clear()
    session.do("read_appreciations", t=100)
    items = [text for _, key, text in session.out.said() if key == "journal.appreciation_item"]
    assert items == ["the call", "the tea", "the flowers"]


def test_ideas_are_tried_oldest_first_and_feedback_attaches_to_the_idea(session) -> None:
    for i, text in enumerate(["cook together", "phone-free dinner"]):
        session.do("add_idea", t=10 * i, text=text).do("yes", t=10 * i + 1)
    session.do("next_idea", t=50)
    assert "cook together" in session.out.said()[-1][2].lower()
    session.do("feedback", t=60, helped=True)
    ideas = {i["text"]: i for i in session.store.ideas()}
    assert ideas["cook together"]["helped"] == 1 and ideas["cook together"]["tried_at"]
    assert ideas["phone-free dinner"]["tried_at"] is None
    session.do("next_idea", t=70)
    assert "phone-free dinner" in session.out.said()[-1][2].lower()
    session.do("next_idea", t=80)
    assert session.out.spoken_keys()[-1] == "journal.all_ideas_tried"


def test_feedback_attaches_to_the_last_thing_tried_even_after_a_restart(make_session) -> None:
    s = make_session()
    s.do("ritual", t=0, ritual="coffee").at(20 * 60)
    s.store.close()
    s = make_session()
    s.do("feedback", t=1, helped=False)
    later = s.clock.wall() + timedelta(seconds=1)
    assert s.store.feedback(s.clock.start - timedelta(days=1), later) == [("ritual", False)]
    assert s.out.spoken_keys()[-1] == "journal.feedback_not_helped"


def test_win_celebrates_and_is_logged(session) -> None:
    session.do("win", t=0)
    assert session.out.spoken_keys() == ["journal.win"]
    assert len(session.store.events(kind="win")) == 1


def test_empty_lists_answer_kindly(session) -> None:
    session.do("read_appreciations", t=0).do("next_idea", t=1)
    assert session.out.spoken_keys() == ["journal.no_appreciations", "journal.no_ideas"]
