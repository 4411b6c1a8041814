"""`hearth intents check`: validate template files and find conflicts.

A conflict is two templates of different intents (or of one intent with
different fixed slot values) that produce the same canonical sentence: the
matcher could not tell them apart, so one of them would never win.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IntentFileError
from assistant.nlu.loader import load_intent_set
from assistant.nlu.matcher import Sentence, compile_sentences


@dataclass(frozen=True)
class CheckResult:
    """What `check_intents` found.

    Attributes:
        problems: broken files and conflicts, each naming file and line.
        intents: number of intents loaded.
        sentences: number of canonical sentences the templates expand to.
        files: the files read.
    """

    problems: list[IntentFileError]
    intents: int
    sentences: int
    files: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_intents(path: Path | str) -> CheckResult:
    """Load every template file under `path`, collecting all problems."""
    problems: list[IntentFileError] = []
    try:
        intent_set = load_intent_set(path, problems)
    except IntentFileError as exc:  # e.g. the folder does not exist
        return CheckResult([exc], 0, 0, [])
    sentences = compile_sentences(intent_set)
    problems.extend(find_conflicts(sentences))
    return CheckResult(problems, len(intent_set.intents), len(sentences), intent_set.files)


def find_conflicts(sentences: list[Sentence]) -> list[IntentFileError]:
    """One problem per pair of templates that can produce the same sentence."""
    first: dict[str, Sentence] = {}
    reported: set[tuple[str, int, str, int]] = set()
    problems: list[IntentFileError] = []
    for sentence in sentences:
        key = _key(sentence)
        other = first.setdefault(key, sentence)
        if other is sentence or _same_meaning(other, sentence):
            continue
        a, b = other.template, sentence.template
        pair = (a.path, a.line, b.path, b.line)
        if pair in reported:
            continue
        reported.add(pair)
        what = _describe(other, sentence)
        problems.append(
            IntentFileError(
                b.path,
                b.line,
                f"conflict: {what} can both produce {_shown(sentence)!r} "
                f"(other template at {a.path}:{a.line})",
            )
        )
    return problems


def _key(sentence: Sentence) -> str:
    if sentence.text_slot:
        return " ".join((*sentence.prefix, "{text}", *sentence.suffix))
    return sentence.text


def _shown(sentence: Sentence) -> str:
    return _key(sentence)


def _same_meaning(a: Sentence, b: Sentence) -> bool:
    return a.intent == b.intent and a.fixed == b.fixed and a.slots == b.slots


def _describe(a: Sentence, b: Sentence) -> str:
    if a.intent != b.intent:
        return f"intents '{a.intent}' and '{b.intent}'"
    return f"'{a.intent}' with slots {a.fixed} and {b.fixed}"


def summary_line(result: CheckResult) -> str:
    """One line for a clean check."""
    return (
        f"ok: {result.intents} intents, {result.sentences} sentences from {len(result.files)} files"
    )


__all__ = ["CheckResult", "check_intents", "find_conflicts", "summary_line"]
