"""Loading template files and `hearth intents check`: broken files name file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.errors import IntentFileError
from assistant.nlu import load_parser
from assistant.nlu.check import check_intents
from assistant.nlu.loader import load_intent_set

GOOD = """\
intents:
  pause:
    slots:
      seconds: {type: duration, default: 60}
    templates:
      - "[can we] take a break [for {seconds}]"
  resume:
    templates:
      - "we're ready"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _check(folder: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["intents", "check", str(folder)])
    return result.exit_code, result.output.splitlines()


def test_shipped_templates_are_clean() -> None:
    result = CliRunner().invoke(main, ["intents", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 28 intents")


def test_good_folder_passes_and_parses(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD)
    code, lines = _check(tmp_path)
    assert code == 0 and lines[0].startswith("ok: 2 intents")
    parser = load_parser(tmp_path)
    assert parser.parse("can we take a break for two minutes").slots == {"seconds": 120}


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    # An unclosed quote is only noticed at the end of the file: report where it opened.
    path = _write(tmp_path, "bad.yaml", GOOD.replace('"we\'re ready"', "\"we're ready"))
    code, lines = _check(tmp_path)
    assert code == 1
    assert lines[0].startswith(f"{path}:9: YAML syntax error")
    path.write_text(GOOD.replace("  resume:", "  resume\n   x: [1"), encoding="utf-8")
    code, lines = _check(tmp_path)
    assert code == 1 and lines[0].startswith(f"{path}:7: YAML syntax error")


def test_bad_bracket_names_template_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.yaml", GOOD.replace("[can we] take", "[can we take"))
    code, lines = _check(tmp_path)
    assert code == 1
    assert lines == [f"{path}:6: bad template '[can we take a break [for {{seconds}}]': "
                     "missing ']' (at column 37)"]  # fmt: skip


def test_unknown_slot_and_rule(tmp_path: Path) -> None:
    text = GOOD.replace("[for {seconds}]", "[for {minutes}] <nope>")
    path = _write(tmp_path, "a.yaml", text)
    code, lines = _check(tmp_path)
    assert code == 1
    assert f"{path}:6: unknown slot {{minutes}} in 'pause'" in lines
    assert f"{path}:6: unknown rule <nope>" in lines


def test_conflict_between_intents_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD)
    other = _write(
        tmp_path,
        "b.yaml",
        """\
        intents:
          stop:
            templates:
              - "stop"
              - "(please|) can we take a break"
        """,
    )
    code, lines = _check(tmp_path)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{other}:5: conflict: intents 'pause' and 'stop'")
    assert "'can we take break'" in lines[0] and "a.yaml:6" in lines[0]


def test_several_problems_in_several_files_all_reported(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.yaml", GOOD.replace("slots:\n      seconds", "slots:\n      secs"))
    b = _write(
        tmp_path, "b.yaml", "intents:\n  x:\n    templates: []\n  Bad Name:\n    templates: [a]\n"
    )
    result = check_intents(tmp_path)
    shown = [str(p) for p in result.problems]
    assert f"{a}:6: unknown slot {{seconds}} in 'pause'" in shown
    assert f"{b}:2: intent 'x' has no templates" in shown
    assert f"{b}:4: bad intent name 'Bad Name'" in shown


def test_loader_raises_first_problem(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "intents:\n  pause:\n    templates:\n      - '(a|b'\n")
    with pytest.raises(IntentFileError) as info:
        load_intent_set(tmp_path)
    assert info.value.line == 4 and "missing ')'" in info.value.reason


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    code, lines = _check(tmp_path / "nope")
    assert code == 1 and lines == [f"{tmp_path / 'nope'}: no such file or folder"]
    code, lines = _check(tmp_path)
    assert code == 1 and "no intent template files" in lines[0]


def test_expansion_limit(tmp_path: Path) -> None:
    big = "(a|b|c|d|e|f|g|h|i|j) " * 5
    path = _write(tmp_path, "a.yaml", f"intents:\n  x:\n    templates:\n      - '{big}'\n")
    code, lines = _check(tmp_path)
    assert code == 1 and lines[0].startswith(f"{path}:4: template expands to 100000 sentences")


def test_value_slot_cannot_be_said(tmp_path: Path) -> None:
    text = """\
    intents:
      feedback:
        slots:
          helped: value
        templates:
          - slots: {helped: true}
            templates: ["that helped {helped}"]
    """
    path = _write(tmp_path, "a.yaml", text)
    code, lines = _check(tmp_path)
    assert code == 1
    assert lines == [f"{path}:7: slot {{helped}} is a 'value' slot: set it with a group's "
                     "'slots:', it cannot be said"]  # fmt: skip


def test_requires_groups_and_joint_are_read_and_checked(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  resume:\n",
        '  walk:\n    joint: true\n    requires: [[walk], ["#t", together]]\n'
        '    templates: ["(time for|i want) a walk [at {time}|together]"]\n'
        "    slots: {time: time}\n  resume:\n",
    )
    _write(tmp_path, "a.yaml", text)
    spec = load_intent_set(tmp_path).intents["walk"]
    assert (spec.joint, spec.requires) == (True, [["walk"], ["#t", "together"]])
    parser = load_parser(tmp_path)
    assert parser.parse("time for a walk together").name == "walk"
    assert parser.parse("time for a walk").name == "none"  # the second group is missing
    assert parser.parse("i want a walk at eight").name == "none"  # one person's wish
    _write(tmp_path, "a.yaml", text.replace("joint: true", "joint: maybe"))
    with pytest.raises(IntentFileError, match="'joint' must be true or false"):
        load_intent_set(tmp_path)
    _write(tmp_path, "a.yaml", text.replace('[[walk], ["#t", together]]', "[[walk], []]"))
    with pytest.raises(IntentFileError, match="'requires' must be a list"):
        load_intent_set(tmp_path)
