"""Every spoken line lives in data files, with variants, and every key the code uses exists."""

from __future__ import annotations

import ast
import itertools
import re
import string
from pathlib import Path

import pytest
import yaml

from assistant.dialog.responses import QUESTION_GROUPS, Responses
from assistant.errors import IntentFileError
from assistant.resources import intents_dir

SKILLS_DIR = Path(__file__).resolve().parents[2] / "assistant" / "dialog" / "skills"
# Keys that only label a line chosen elsewhere (a question, the couple's own words).
LABEL_KEYS = {"checkin.question", "journal.appreciation_item"}
# f-string keys in the code, expanded over the values they can take.
DYNAMIC_KEYS = {
    "journal.ask_{what}": ["appreciation", "idea"],
    "journal.confirm_{what}": ["appreciation", "idea"],
    "journal.saved_{what}": ["appreciation", "idea"],
    "summary.{metric}": ["checkins", "pauses", "rituals", "wins", "helped"],
    "summary.helps_most_{kind}": ["checkin", "pause", "ritual", "idea"],
    "check.{name}_for": ["pause", "space", "extend"],
    "check.ritual_{ritual}": ["walk", "coffee", "breakfast", "mindfulness", "call"],
}


def _literal_keys() -> set[str]:
    families = {p.stem for p in (intents_dir() / "responses").glob("*.yaml")}
    keys = set()
    for path in SKILLS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        in_fstrings = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        for node in ast.walk(tree):
            if id(node) in in_fstrings:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                family, _, rest = node.value.partition(".")
                if family in families and rest and rest.replace("_", "").isalpha():
                    keys.add(node.value)
    return keys


def test_every_response_key_has_at_least_two_variants() -> None:
    files = sorted((intents_dir() / "responses").glob("*.yaml"))
    assert len(files) >= 9
    for path in files:
        data = yaml.safe_load(path.read_text())
        for key, variants in data.items():
            assert isinstance(variants, list) and len(variants) >= 2, f"{path.name}: {key}"
            assert len(set(variants)) == len(variants), f"{path.name}: {key} has duplicates"


def test_every_key_the_code_uses_exists() -> None:
    lines = Responses().lines
    used = _literal_keys() - LABEL_KEYS
    for pattern, values in DYNAMIC_KEYS.items():
        field = next(f for _, f, _, _ in string.Formatter().parse(pattern) if f)
        used |= {pattern.format(**{field: v}) for v in values}
    assert len(used) > 60
    missing = sorted(k for k in used if k not in lines)
    assert not missing, missing


def test_every_ritual_and_cue_has_variants() -> None:
    rituals = Responses().rituals
    assert set(rituals) == {"walk", "coffee", "breakfast", "mindfulness", "call"}
    for ritual in rituals.values():
        assert len(ritual.start) >= 2 and len(ritual.end) >= 2
        for _, cue in ritual.cues:
            assert len(cue) >= 2
    assert len(rituals["mindfulness"].cues) >= 3


def test_question_bank_is_large_grouped_and_includes_the_guidance() -> None:
    questions = Responses().questions
    assert set(QUESTION_GROUPS) <= set(questions)
    bank = [q for group in questions.values() for q in group]
    assert len(bank) >= 60 and len(set(bank)) == len(bank)
    for own in (
        "What would help you feel more connected this week?",
        "What kind of conversations feel safest for you right now?",
        "What affects your energy today?",
        "Would you like help with something that's piling up?",
    ):
        assert own in bank


# Blaming, diagnosing, dismissive or sarcastic wording a couple should never hear.
NEVER_SAY = (
    "your fault",
    "you always",
    "you never",
    "calm down",
    "disorder",
    "toxic",
    "narciss",
    "dysfunction",
    "unhealthy",
    "overreact",
    "too sensitive",
    "dramatic",
    "why did you",
    "you should have",
    "again?",
    "obviously",
    "seriously",
    "failure",
    "problem with you",
    "what's wrong with",
)
# Keys heard often enough that two variants would soon sound mechanical.
OFTEN_SPOKEN = (
    "pause.start",
    "pause.restart",
    "pause.countdown",
    "pause.last_seconds",
    "pause.end",
    "pause.resume",
    "checkin.intro",
    "checkin.invite",
    "checkin.next",
    "checkin.pick_up",
    "checkin.wrap_up",
    "checkin.helped_question",
    "space.confirm",
    "space.return",
    "space.welcome_back",
    "space.take_time",
    "space.checkin_held",
    "schedule.due",
    "journal.win",
)


def _all_spoken() -> list[str]:
    responses = Responses()
    texts = [v for vs in responses.lines.values() for v in vs]
    texts += responses.all_questions()
    for ritual in responses.rituals.values():
        texts += ritual.start + ritual.end + [v for _, cue in ritual.cues for v in cue]
    return texts


def test_lines_never_blame_or_diagnose() -> None:
    texts = _all_spoken()
    assert len(texts) > 250
    for text in texts:
        assert not any(w in text.lower() for w in NEVER_SAY), text
        assert "!" not in text, text  # calm, never exclaiming at the couple
        assert len(text) <= 240, text  # brief


def test_often_spoken_lines_have_at_least_three_variants() -> None:
    responses = Responses()
    for key in OFTEN_SPOKEN:
        assert len(set(responses.lines[key])) >= 3, key
    for ritual in responses.rituals.values():
        assert len(set(ritual.start)) >= 3 and len(set(ritual.end)) >= 3, ritual.name


def test_variants_are_not_repeated_back_to_back() -> None:
    responses = Responses(seed=1)
    picks = [responses.pick("pause.start", duration="one minute") for _ in range(50)]
    assert all(a != b for a, b in itertools.pairwise(picks))


def test_a_broken_response_file_names_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "intents"
    (root / "responses").mkdir(parents=True)
    for name in ("questions.yaml", "rituals.yaml"):
        (root / name).write_text((intents_dir() / name).read_text())
    (root / "responses" / "pause.yaml").write_text("start:\n  - 'ok\n  bad: [\n")
    with pytest.raises(IntentFileError) as info:
        Responses(root)
    assert "pause.yaml:" in str(info.value)


def _fields(line: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(line) if f}


def test_variants_of_a_key_ask_for_the_same_placeholders() -> None:
    responses = Responses()
    groups = dict(responses.lines)
    for ritual in responses.rituals.values():
        groups[f"{ritual.name}.start"] = ritual.start
        groups[f"{ritual.name}.end"] = ritual.end
    for key, variants in groups.items():
        wanted = set().union(*(_fields(v) for v in variants))
        assert wanted <= {
            "duration",
            "left",
            "at",
            "when",
            "text",
            "idea",
            "this",
            "last",
            "kept",
            "total",
            "times",
            "added",
            "before",
            "cadence",
            "skipped",
            "next",
            "crisis_line",
        }, key
        for variant in variants:  # a variant may leave a value out, never add one
            variant.format(**dict.fromkeys(wanted, "x"))


def test_a_key_without_lines_is_reported_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "intents"
    (root / "responses").mkdir(parents=True)
    for name in ("questions.yaml", "rituals.yaml"):
        (root / name).write_text((intents_dir() / name).read_text())
    (root / "responses" / "win.yaml").write_text("ok:\n  - 'Well done.'\n  - 'Lovely.'\nbad: 3\n")
    with pytest.raises(IntentFileError) as info:
        Responses(root)
    assert str(info.value).endswith("win.yaml:4: bad: expected a list of spoken lines")


def test_questions_speak_to_the_couple_not_from_hearth() -> None:
    # Hearth reads the question aloud: "me" or "I" would mean the device, not a partner.
    for question in Responses().all_questions():
        assert not re.search(r"\b(I|me|my|I'm)\b", question), question
        assert question.endswith("?"), question
