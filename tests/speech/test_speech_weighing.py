"""`Weighing` on its own: the figures it sets a reading on and the verdicts the listener
acts on. Scripted readings and a scripted NLU isolate each rule; the listener tests (and
the real engine's, in test_speech_rejection.py and others) run them end to end."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from assistant.nlu.intent import NONE, Intent
from assistant.nlu.safety import SAFETY
from assistant.speech.listener import ListenerConfig
from assistant.speech.types import Utterance, Word, make_utterance
from assistant.speech.wake import WakePhrase
from assistant.speech.weighing import Weighing

SENTENCES = ("we need a minute", "we need five minutes", "we need ten minutes")


def parse(text: str) -> Intent:
    """A scripted NLU: the pause with the length said, loosely read with an extra word."""
    lengths = {"a minute": 60, "five minutes": 300, "ten minutes": 600}
    for said, seconds in lengths.items():
        if text == f"we need {said}":
            return Intent("pause", {"seconds": seconds}, 1.0, text)
        if text == f"we need {said} now":
            return Intent("pause", {"seconds": seconds}, 0.9, text)
    if text == "we need a break":
        return Intent("pause", {"seconds": None}, 1.0, text)
    if text == "someone is hurting me":
        return Intent(SAFETY, {}, 1.0, text)
    return Intent(NONE, {}, 1.0, text)


def reading(text: str, *posteriors: float, alternatives: tuple[str, ...] = ()) -> Utterance:
    """An engine reading of `text`; its words get `posteriors` in turn (0.9 when none)."""
    heard = [
        Word(w, i * 0.3, i * 0.3 + 0.25, posteriors[i] if i < len(posteriors) else 0.9)
        for i, w in enumerate(text.split())
    ]
    return replace(make_utterance(heard, "scripted"), alternatives=alternatives)


def weighing(engine_bars: dict[str, float] | None = None, **config: object) -> Weighing:
    engine = SimpleNamespace(name="scripted", **(engine_bars or {}))
    return Weighing(
        engine,  # type: ignore[arg-type]
        ListenerConfig(**config),  # type: ignore[arg-type]
        parse,
        WakePhrase("hey hearth"),
        SENTENCES,
    )


def test_support_is_the_engines_posteriors_of_the_chosen_words() -> None:
    utt = reading("hey hearth we need a minute", 0.9, 0.9, 0.8, 0.6, 0.4, 0.2)
    evidence = weighing().evidence("we need a minute", utt)
    assert evidence["support"] == pytest.approx((0.8 + 0.6 + 0.4 + 0.2) / 4)
    assert evidence["support_min"] == pytest.approx(0.2)
    assert evidence["same"] == 1.0
    assert (evidence["heard"], evidence["n"]) == (4.0, 4.0)


def test_a_word_chosen_but_not_heard_lowers_the_support() -> None:
    # The strict grammar chose "a minute" where the engine heard "a minted".
    utt = reading("hey hearth we need a minted", 0.9, 0.9, 0.8, 0.8, 0.8, 0.8)
    evidence = weighing().evidence("we need a minute", utt)
    assert evidence["support"] == pytest.approx(0.6)
    assert evidence["same"] == 0.0


def test_words_unknown_to_the_command_model_lower_the_support() -> None:
    # Four words after the wake phrase, and four more heard as no command word.
    utt = replace(reading("hey hearth we need a minute"), unknown=4)
    assert weighing().evidence("we need a minute", utt)["support"] == pytest.approx(0.9 * 4 / 8)


def test_the_bars_are_the_configs_else_the_engines() -> None:
    evidence = {"support": 0.5, "open": 0.0, "agree": 0.0}
    assert weighing({"min_support": 0.4}).supported(evidence)
    assert not weighing({"min_support": 0.6}).supported(evidence)
    assert not weighing({"min_support": 0.4}, min_support=0.6).supported(evidence)
    assert weighing({"min_support": 0.6}, min_support=0.4).supported(evidence)


def test_the_open_reading_must_have_heard_the_words_when_there_is_one() -> None:
    weigh = weighing({"min_support": 0.4, "min_agree": 0.5})
    assert not weigh.supported({"support": 0.9, "open": 1.0, "agree": 0.25})
    assert weigh.supported({"support": 0.9, "open": 1.0, "agree": 0.75})


def test_a_call_for_help_is_asked_about_under_its_own_higher_bar() -> None:
    weigh = weighing({"check_below": 0.6, "safety_check_below": 0.85, "safety_min_support": 0.15})
    assert weigh.check_bar("pause") == 0.6
    assert weigh.check_bar(SAFETY) == 0.85
    assert weigh.asks_about_help({"support": 0.2})
    assert not weigh.asks_about_help({"support": 0.1})
    assert not weighing().asks_about_help({"support": 0.9})  # no floor: declined


def test_a_loose_reading_is_one_the_nlu_reads_loosely_and_no_sentence_is() -> None:
    weigh = weighing()
    assert not weigh.loose("we need a minute")  # a sentence of the command model
    assert weigh.loose("we need a minute now")  # confidence 0.9, under 0.95
    assert not weighing(check_below_confidence=0.85).loose("we need a minute now")


def test_a_reading_far_from_every_sentence_is_loose_however_sure_the_nlu() -> None:
    far = "we need a break"  # 1.0 to the NLU, a word from the nearest sentence
    assert weighing(check_beyond_edits=1).loose(far)
    assert not weighing(check_beyond_edits=2).loose(far)
    assert not weighing(check_beyond_edits=None).loose(far)


@pytest.mark.parametrize(
    ("heard", "n", "support", "asked"),
    [(6, 4, 0.7, True), (6, 4, 0.85, False), (5, 4, 0.5, False)],
)
def test_a_request_leaving_out_words_heard_is_asked_about_unless_sure(
    heard: int, n: int, support: float, asked: bool
) -> None:
    evidence = {"heard": float(heard), "n": float(n), "support": support}
    assert weighing().words_dropped(evidence) is asked


def test_another_reading_with_another_length_disputes_the_length() -> None:
    utt = reading(
        "hey hearth we need five minutes", alternatives=("hey hearth we need ten minutes",)
    )
    evidence: dict[str, float] = {}
    assert weighing().length_disputed("we need five minutes", utt, evidence)
    assert evidence["length_other"] == 1.0
    assert not weighing(asks_disputed_length=False).length_disputed("we need five minutes", utt, {})


def test_readings_that_agree_on_the_length_do_not_dispute_it() -> None:
    utt = reading(
        "hey hearth we need five minutes", alternatives=("hey hearth we need five minutes",)
    )
    evidence: dict[str, float] = {}
    assert not weighing().length_disputed("we need five minutes", utt, evidence)
    assert evidence["length_other"] == 0.0


def test_a_length_word_heard_but_not_chosen_is_a_lost_length() -> None:
    weigh = weighing()
    assert weigh.length_lost("we need a break", reading("hey hearth we need a fifteen break"))
    assert not weigh.length_lost("we need a break", reading("hey hearth we need a break"))
    # A request that takes no length has none to lose.
    assert not weigh.length_lost("someone is hurting me", reading("hey hearth ten someone"))


def test_a_length_in_another_reading_is_a_lost_length_too() -> None:
    utt = reading("hey hearth we need a break", alternatives=("hey hearth we need ten minutes",))
    assert weighing().length_lost("we need a break", utt)
    assert weighing().holds_a_length(utt, "pause")


def test_the_default_length_is_unsure_only_off_the_sentences() -> None:
    weigh = weighing()
    assert weigh.default_length_unsure("we need a break")  # no length, and no sentence
    assert not weigh.default_length_unsure("we need a minute")  # says its length
    assert not weighing_with_sentence("we need a break").default_length_unsure("we need a break")


def weighing_with_sentence(sentence: str) -> Weighing:
    return Weighing(
        SimpleNamespace(name="scripted"),  # type: ignore[arg-type]
        ListenerConfig(),
        parse,
        WakePhrase("hey hearth"),
        (*SENTENCES, sentence),
    )
