"""Every spoken line, rendered with every value it can take, reads as a person would say it.

The test walks whatever files exist under intents/responses/ (so lines added later are
covered too), the ritual start, cue and end lines of intents/rituals.yaml, and the check-in
questions. Each {placeholder} is filled with every value the code can give it (all
durations from one second to hours, every clock time, counts 0/1/2/many), one placeholder
at a time with the others at a typical value, through the same `fill` the engine uses.
"""

from __future__ import annotations

import re
import string
from datetime import datetime, timedelta
from functools import cache

import pytest
import yaml

from assistant.config import Settings
from assistant.dialog import actions as act
from assistant.dialog.responses import Responses, fill
from assistant.dialog.skills.summary import (
    Report,
    Week,
    _n,
    report_actions,
    space_line,
    times_words,
    weekly_report,
)
from assistant.dialog.timewords import (
    about,
    cadence_phrase,
    cadence_words,
    clock_words,
    duration_words,
    when_words,
)
from assistant.resources import intents_dir
from assistant.store import Store

SECONDS = range(1, 6 * 3600 + 1)  # one second to six hours
COUNTS = range(0, 121)
DICTATED = ["you made me tea this morning", "Walk after dinner without phones", "the hug"]


@cache
def field_values() -> dict[str, list[str]]:
    """Every value each placeholder can take, as the skills produce it."""
    durations = sorted({duration_words(s) for s in SECONDS})
    clock = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(60)]
    return {
        "duration": durations,
        # A pause's countdown gives exact words, a time-left answer `about` words.
        "left": sorted(set(durations) | {about(s) for s in range(0, 6 * 3600 + 1)}),
        "at": sorted({clock_words(c) for c in clock}),
        "when": sorted({cadence_words(c, k) for c in clock for k in ("daily", "every_other_day")}),
        "text": DICTATED,
        "idea": DICTATED,
        "this": [_n(n) for n in COUNTS],
        "last": [_n(n) for n in COUNTS],
        "kept": [_n(n) for n in range(1, 120)],
        "total": [_n(n) for n in range(2, 121)],
        "times": [times_words(n) for n in range(2, 121)],
        # The check-in schedule (asked about, moved, skipped) and more time (extend).
        "added": durations,
        "before": sorted({cadence_words(c, k) for c in clock for k in CADENCES}),
        "cadence": sorted({cadence_phrase(c, k) for c in clock for k in CADENCES}),
        "next": _coming(),
        "skipped": _coming(),
        "crisis_line": [Settings().crisis_line, "911, or the 988 crisis line"],
    }


CADENCES = ("daily", "every_other_day")


def _coming() -> list[str]:
    """Every coming check-in as `when_words` says it: each clock time, from today to a week on."""
    wall = datetime(2026, 1, 5, 19, 0)  # a Monday evening
    days = [wall.replace(hour=0, minute=0) + timedelta(days=d) for d in range(8)]
    moments = [d + timedelta(minutes=m) for d in days for m in range(0, 24 * 60, 15)]
    return sorted({when_words(at, wall) for at in moments if at > wall})


def all_lines() -> list[tuple[str, str]]:
    """(where, template) for every spoken line in the data files."""
    lines: list[tuple[str, str]] = []
    for path in sorted((intents_dir() / "responses").glob("*.yaml")):
        for key, variants in (yaml.safe_load(path.read_text()) or {}).items():
            for i, v in enumerate(variants if isinstance(variants, list) else [variants]):
                lines.append((f"{path.name}:{key}[{i}]", " ".join(str(v).split())))
    responses = Responses(seed=1)
    for name, ritual in responses.rituals.items():
        for part, variants in (("start", ritual.start), ("end", ritual.end)):
            lines += [(f"rituals.yaml:{name}.{part}[{i}]", v) for i, v in enumerate(variants)]
        for at, variants in ritual.cues:
            lines += [(f"rituals.yaml:{name}.cue@{at}[{i}]", v) for i, v in enumerate(variants)]
    for group, questions in responses.questions.items():
        lines += [(f"questions.yaml:{group}[{i}]", q) for i, q in enumerate(questions)]
    return lines


def placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def renderings(template: str) -> list[str]:
    """The template with each placeholder run through all its values, the others fixed."""
    values = field_values()
    names = placeholders(template)
    typical = {n: values[n][len(values[n]) // 2] for n in names}
    if not names:
        return [fill(template, {})]
    out = []
    for name in names:
        for value in values[name]:
            out.append(fill(template, typical | {name: value}))
    return out


_SMALL = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
_MORE = "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
_MANY = rf"(?:{_SMALL}|{_MORE}|seventy|eighty|ninety|[2-9]|\d\d+)"
_UNITS = "second|minute|hour|time|day|week|check-in|pause|ritual|win"
CHECKS = {
    "a doubled word": re.compile(r"\b(\w+)(?:,?\s+)\1\b", re.IGNORECASE),
    "no capital after a full stop": re.compile(r"[.!?]\s+[a-z]"),
    "a singular after a number above one": re.compile(rf"\b{_MANY} (?:{_UNITS})\b(?!s|-)"),
    "a plural after one": re.compile(rf"(?<!ty )\b(?:one|an?|1) (?:{_UNITS})s\b"),
    "'none of' or 'of one'": re.compile(
        r"\bnone of\b|\bof (?:the )?one\b(?! (?:minute|second|hour)\b)", re.IGNORECASE
    ),
    "an unfilled placeholder": re.compile(r"[{}]"),
    "doubled punctuation or spacing": re.compile(r"\s[.,!?]|[.,!?]{2}|\s{2}"),
    "a lowercase start": re.compile(r"^[a-z]"),
}


def problems(line: str) -> list[str]:
    return [what for what, pattern in CHECKS.items() if pattern.search(line)]


def test_the_checks_catch_the_reported_mistakes() -> None:
    """Each check fails on the line a new user actually heard."""
    heard = {
        "About about nineteen minutes left.": "a doubled word",
        "Sure. one minute of quiet starts now.": "no capital after a full stop",
        "Enjoy your walk. fifteen minutes, just the two of you.": "no capital after a full stop",
        "Time alone this week: you came back on time none of one times.": "'none of' or 'of one'",
        "Pauses: two pause this week.": "a singular after a number above one",
        "It took one minutes.": "a plural after one",
        "There's {left} left.": "an unfilled placeholder",
    }
    for line, what in heard.items():
        assert what in problems(line), line
    assert problems("Both times you took space, you came back when you said.") == []


def test_every_placeholder_has_known_values() -> None:
    """A new placeholder in any response file must be added to field_values() above, with
    every value the code can give it; otherwise its lines would go unchecked."""
    unknown = {
        f"{where}: {{{name}}}"
        for where, template in all_lines()
        for name in placeholders(template)
        if name not in field_values()
    }
    assert not unknown, sorted(unknown)


def test_every_line_with_every_value_reads_right() -> None:
    lines = all_lines()
    assert len(lines) > 250
    seen, bad = 0, []
    for where, template in lines:
        if any(name not in field_values() for name in placeholders(template)):
            continue  # reported by test_every_placeholder_has_known_values
        for line in renderings(template):
            seen += 1
            found = problems(line)
            if found:
                bad.append(f"{where}: {line!r}: {', '.join(found)}")
    assert seen > 40_000
    assert not bad, "\n".join(bad[:40])


def test_a_filled_value_that_opens_a_sentence_gets_a_capital() -> None:
    assert fill("Sure. {duration} of quiet starts now.", {"duration": "one minute"}) == (
        "Sure. One minute of quiet starts now."
    )
    assert fill("{left} to go.", {"left": "about a minute"}) == "About a minute to go."
    assert fill("I heard: {text}. Okay?", {"text": "you made tea"}) == (
        "I heard: you made tea. Okay?"
    )


def _space_text(total: int, kept: int) -> str:
    say = space_line(total, kept)
    return Responses(seed=total * 100 + kept).pick(say.key, **say.fields)


@pytest.mark.parametrize("total", range(1, 13))
def test_space_returns_are_counted_as_a_person_would(total: int) -> None:
    for kept in range(total + 1):
        for _ in range(6):  # several variants of each line
            line = _space_text(total, kept)
            assert problems(line) == [], line
            assert "none" not in line.lower() and " of one" not in line
            if total == 2 and kept == 2:
                assert "both" in line.lower()
            if kept == 0:
                assert "came back when you said" not in line
                assert not re.search(r"\blate\b", line), line


def test_a_space_still_running_is_not_counted_as_a_late_return(tmp_path) -> None:
    """The reported bug: a space still running read as 'on time none of one times'."""
    now = datetime(2026, 1, 12, 20, 0)
    store = Store(tmp_path / "h.db")
    for days, outcome in ((3, "on_time"), (2, "on_time"), (0, None)):
        start = now - timedelta(days=days, minutes=10)
        store.timer_started("space", start, 1200, start + timedelta(minutes=20))
        if outcome:
            store.timer_ended("space", start, start + timedelta(minutes=19), outcome)
    report = weekly_report(store, now)
    assert (report.this.space, report.this.space_on_time) == (2, 2)
    responses = Responses(seed=3)
    spoken = [
        responses.pick(a.key, **a.fields) for a in report_actions(report) if isinstance(a, act.Say)
    ]
    space = [line for line in spoken if "space" in line or "alone" in line]
    assert len(space) == 1 and "both" in space[0].lower(), spoken
    for line in spoken:
        assert problems(line) == [], line


def test_a_week_with_only_a_running_space_says_nothing_about_returns() -> None:
    report = Report(Week(pauses=1), Week(), None, False)
    keys = [a.key for a in report_actions(report) if isinstance(a, act.Say)]
    assert not any(k.startswith("summary.space") for k in keys)
