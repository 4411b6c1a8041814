"""The fallback classifier (assistant/nlu/fallback.py): a second opinion only on what the
matcher leaves unanswered, never a wrong length, never an answer, safety or stop."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.evaluate import read_examples
from assistant.nlu.fallback import FALLBACK, _slots

DATA = Path(__file__).resolve().parent / "data"


def test_hearths_parser_has_the_fallback(parser: IntentParser) -> None:
    assert parser.fallback is not None
    assert {"yes", "no", "safety", "stop"} <= set(FALLBACK.never)


def test_only_lines_the_matcher_left_unanswered_change(parser: IntentParser) -> None:
    for ex in read_examples(DATA / "in_domain.txt")[:300]:
        got, unanswered = parser._parse(ex.text)
        if unanswered is None:
            assert parser.parse(ex.text) == got, ex.text


@pytest.mark.parametrize(
    "text",
    [
        "the radio's too loud, can you turn it down",
        "how much time is left on the washer",
        "what did the plumber say, can you repeat it for me",
        "yes, two sugars",
        "stop stealing the blanket you burrito",
    ],
)
def test_everyday_talk_in_hearths_words_stays_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"


def test_a_length_it_cannot_read_is_asked_about(parser: IntentParser) -> None:
    for text in ("a timeout, you know, for a few minutes", "a timeout for five or ten minutes"):
        slots = _slots(parser, "pause", parser.normalized(text))
        assert slots is not None
        assert slots["seconds"] is None and slots["unclear"] is True  # Hearth asks
    slots = _slots(parser, "pause", parser.normalized("a timeout for 3 minutes"))
    assert slots is not None and slots["seconds"] == 180


def test_a_ritual_it_cannot_name_is_not_guessed(parser: IntentParser) -> None:
    assert _slots(parser, "ritual", parser.normalized("start the thing we do")) is None


def test_the_shipped_model_is_built_from_these_templates_and_sets() -> None:
    from assistant.nlu.fallback import MODEL_FILE, build_key, shipped_meta, tuning_lines
    from assistant.nlu.loader import template_files
    from assistant.resources import data_root, intents_dir

    meta = shipped_meta(intents_dir() / MODEL_FILE)
    assert meta is not None, "intents/fallback.npz: run python -m assistant.nlu.train_fallback"
    config = replace(FALLBACK, data_files=tuning_lines(data_root()), data_root=str(data_root()))
    current = build_key(template_files(intents_dir()), config)
    assert meta["build_key"] == current, "out of date: python -m assistant.nlu.train_fallback"


def test_a_model_built_from_other_templates_or_damaged_is_not_used(tmp_path: Path) -> None:
    from assistant.nlu.fallback import MODEL_FILE
    from assistant.nlu.fallback import load as load_fallback
    from assistant.nlu.loader import template_files
    from assistant.resources import intents_dir

    shipped = intents_dir() / MODEL_FILE
    templates = template_files(intents_dir())
    assert load_fallback(shipped, templates) is not None
    edited = tmp_path / templates[0].name
    edited.write_text(templates[0].read_text() + "\n# a user's own line\n")
    assert load_fallback(shipped, [edited, *templates[1:]]) is None
    damaged = tmp_path / MODEL_FILE
    damaged.write_bytes(shipped.read_bytes()[:1000])
    assert load_fallback(damaged, templates) is None
    assert load_fallback(tmp_path / "missing.npz", templates) is None


def test_training_learns_the_templates(parser: IntentParser) -> None:
    from assistant.nlu.fallback import Fallback

    small = replace(FALLBACK, per_intent=80, epochs=40, data_files=(), data_root="")
    model = Fallback.train(parser, small, [("what's on the telly tonight", "none", {})])
    said = [("let's take a break", "pause"), ("read our appreciations", "read_appreciations")]
    for text, intent in said:
        assert model.scores(parser.normalized(text).tokens)[0][0] == intent, text


def test_speech_is_judged_by_the_matcher_alone() -> None:
    """Misheard readings are what the fallback is made to accept ("support" in the live
    tests): the live loop's listener and engine use the parser without it."""
    from assistant.live import _parser
    from assistant.nlu import load_parser, speech_parser

    assert speech_parser().fallback is None
    assert load_parser().fallback is not None
    listen = _parser()
    assert listen is not None and listen.__self__ is speech_parser()
