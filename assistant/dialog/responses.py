"""Spoken lines from data files, with variants, never from code.

`intents/responses/<family>.yaml` maps a key to a list of variants; a line is
addressed as "<family>.<key>" (e.g. "pause.start"). Variants may use
`{placeholders}` filled by the caller. `pick` never says the same variant twice
in a row for a key. Check-in questions (`intents/questions.yaml`) and rituals
(`intents/rituals.yaml`) are loaded here too.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import IntentFileError
from assistant.resources import intents_dir

# libyaml's loader when PyYAML has it (about ten times faster than the pure-Python one).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
QUESTION_GROUPS = ("connection", "needs", "safety", "stress_and_energy", "appreciation", "plans")


@dataclass(frozen=True)
class Ritual:
    """One shared ritual from rituals.yaml.

    Attributes:
        name: the `ritual` slot value (walk, coffee, breakfast, mindfulness, call).
        seconds: how long the ritual timer runs.
        start: variants said when it starts; `{duration}` is filled in.
        end: variants said when the time is up.
        cues: (seconds after start, variants) for guided practices.
    """

    name: str
    seconds: int
    start: list[str]
    end: list[str]
    cues: list[tuple[int, list[str]]] = field(default_factory=list)

    def lasting(self, minutes: float | None) -> Ritual:
        """This ritual with the length the config file sets (`ritual_minutes`), if any."""
        return replace(self, seconds=round(minutes * 60)) if minutes else self


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise IntentFileError(path, mark.line + 1 if mark else 0, "not valid YAML") from None
    except OSError as exc:
        raise IntentFileError(path, 0, f"cannot read: {exc.strerror}") from None


def _key_lines(path: Path) -> dict[str, int]:
    """1-based line of each top-level key, so a bad entry is reported as file:line."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (yaml.YAMLError, OSError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _variants(path: Path, key: str, value: Any, line: int = 0) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise IntentFileError(path, line, f"{key}: expected a list of spoken lines")
    return [" ".join(v.split()) for v in value]


_SENTENCE_END = re.compile(r"(^|[.!?]\s+)$")


def fill(line: str, fields: dict[str, Any]) -> str:
    """`line` with its {placeholders} filled; a value that opens a sentence ("Sure.
    {duration} of quiet") gets a capital, the rest of the value is left as it is."""
    out: list[str] = []
    for literal, name, spec, conversion in string.Formatter().parse(line):
        out.append(literal)
        if name is None:
            continue
        value = format(fields[name], spec or "")
        if conversion:
            value = format({"r": repr, "s": str, "a": ascii}[conversion](fields[name]), spec)
        if _SENTENCE_END.search("".join(out)):
            value = value[:1].upper() + value[1:]
        out.append(value)
    return "".join(out)


class Responses:
    """All spoken data, loaded once.

    Attributes:
        lines: "family.key" -> variants.
        questions: group -> open check-in questions.
        rituals: name -> Ritual.
    """

    def __init__(self, root: Path | None = None, seed: int | None = None) -> None:
        """Load everything under `root` (default: Hearth's intents/). `seed` fixes the
        choice of variants and questions (simulations repeat exactly); None varies."""
        root = root or intents_dir()
        self.lines: dict[str, list[str]] = {}
        for path in sorted((root / "responses").glob("*.yaml")):
            data = _load_yaml(path) or {}
            if not isinstance(data, dict):
                raise IntentFileError(path, 1, "expected a mapping of key: [variants]")
            lines = _key_lines(path)
            for key, value in data.items():
                where = lines.get(str(key), 0)
                self.lines[f"{path.stem}.{key}"] = _variants(path, str(key), value, where)
        self.questions = self._load_questions(root / "questions.yaml")
        self.rituals = self._load_rituals(root / "rituals.yaml")
        self._rng = random.Random(seed)
        self._last: dict[str, str] = {}

    @staticmethod
    def _load_questions(path: Path) -> dict[str, list[str]]:
        data = _load_yaml(path)
        if not isinstance(data, dict):
            raise IntentFileError(path, 1, "expected groups of questions")
        lines = _key_lines(path)
        questions = {
            str(g): _variants(path, str(g), qs, lines.get(str(g), 0)) for g, qs in data.items()
        }
        missing = [g for g in QUESTION_GROUPS if g not in questions]
        if missing:
            raise IntentFileError(path, 0, f"missing question groups: {', '.join(missing)}")
        return questions

    @staticmethod
    def _load_rituals(path: Path) -> dict[str, Ritual]:
        data = _load_yaml(path)
        if not isinstance(data, dict):
            raise IntentFileError(path, 1, "expected a mapping of ritual names")
        rituals = {}
        lines = _key_lines(path)
        for name, spec in data.items():
            at = lines.get(str(name), 0)
            if not isinstance(spec, dict) or not isinstance(spec.get("minutes"), int | float):
                raise IntentFileError(path, at, f"{name}: needs minutes, start and end")
            cues = []
            for cue in spec.get("cues") or []:
                if not isinstance(cue, dict) or not isinstance(cue.get("at"), int):
                    raise IntentFileError(path, at, f"{name}: each cue needs at (seconds) and say")
                cues.append((cue["at"], _variants(path, f"{name} cue", cue.get("say"), at)))
            rituals[str(name)] = Ritual(
                str(name),
                round(spec["minutes"] * 60),
                _variants(path, f"{name}.start", spec.get("start"), at),
                _variants(path, f"{name}.end", spec.get("end"), at),
                cues,
            )
        return rituals

    def all_questions(self) -> list[str]:
        return [q for group in self.questions.values() for q in group]

    def choose(self, key: str, variants: list[str], **fields: Any) -> str:
        """One of `variants`, not the one said last time for `key`, with fields filled."""
        options = [v for v in variants if v != self._last.get(key)] or variants
        line = self._rng.choice(options)
        self._last[key] = line
        return fill(line, fields)

    def pick(self, key: str, **fields: Any) -> str:
        try:
            variants = self.lines[key]
        except KeyError:
            raise KeyError(f"no spoken line {key!r} in intents/responses") from None
        return self.choose(key, variants, **fields)

    def shuffle(self, items: list[str]) -> str:
        return self._rng.choice(items)
