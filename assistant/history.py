"""The log as a readable timeline: what happened, when, in a person's words.

`timeline` turns the stored rows (events, timers, questions, appreciations, ideas,
feedback) into `Entry` lines for `hearth history`; `table` lays them out for a terminal.
Only what the couple asked Hearth for, and text they dictated on purpose, is stored, so
only that can appear here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from assistant.dialog.timewords import cadence_words, clock_words, duration_words
from assistant.errors import HearthError
from assistant.store import Store

KINDS = (
    "checkin",
    "pause",
    "space",
    "ritual",
    "win",
    "feedback",
    "appreciation",
    "idea",
    "schedule",
)

PAUSE_OUTCOMES = {
    "completed": "ran its full time",
    "resumed": "ended early (you were ready)",
    "restarted": "restarted",
    "ended_while_off": "ended while Hearth was off",
}
SPACE_OUTCOMES = {
    "on_time": "back on time",
    "late": "needed a little longer",
    "unconfirmed": "no answer at the return time",
    "missed": "return time passed while Hearth was off",
    "replaced": "replaced by a new time alone",
}
RITUAL_OUTCOMES = {
    "completed": "done",
    "replaced": "changed to another ritual",
    "ended_while_off": "ended while Hearth was off",
    "interrupted": "interrupted",
}


@dataclass(frozen=True)
class Entry:
    """One line of the history.

    Attributes:
        at: when it started (or happened).
        kind: one of KINDS.
        what: a short title ("pause, one minute").
        detail: how it went ("ended early (you were ready)"), may be "".
    """

    at: datetime
    kind: str
    what: str
    detail: str = ""


def parse_day(value: str | None, option: str, end: bool = False) -> datetime | None:
    """A `--since`/`--until` value: an ISO date (the whole day) or date and time. With
    `end`, a bare date means the end of that day."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime.combine(day + timedelta(days=1) if end else day, time())
        return datetime.fromisoformat(value)
    except ValueError:
        raise HearthError(
            f"{option}: not a date: {value!r} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None


def _minutes(seconds: float) -> str:
    return duration_words(seconds)


def _checkins(store: Store, start: datetime | None, end: datetime | None) -> list[Entry]:
    events = [e for e in store.events_between(start, end) if e["kind"].startswith("checkin_")]
    questions = store.dated_rows("questions_asked", start, end)
    entries = []
    starts = [e for e in events if e["kind"] == "checkin_started"]
    for i, began in enumerate(starts):
        until = starts[i + 1]["at"] if i + 1 < len(starts) else datetime.max
        asked = [q["question"] for q in questions if began["at"] <= q["at"] < until]
        ended = next(
            (e for e in events if e["kind"] == "checkin_ended" and began["at"] <= e["at"] < until),
            None,
        )
        how = "scheduled" if began.get("scheduled") else "asked for"
        state = "" if ended is None else ("finished" if ended.get("completed") else "stopped")
        detail = " / ".join(asked)
        what = f"check-in ({how}{', ' + state if state else ''})"
        entries.append(Entry(began["at"], "checkin", what, detail))
    return entries


def _timer_entry(timer: dict) -> Entry:
    kind, seconds, outcome = timer["kind"], timer["seconds"], timer["outcome"]
    if kind == "pause":
        detail = PAUSE_OUTCOMES.get(outcome or "", "running") if timer["ended_at"] else "running"
        return Entry(timer["started_at"], "pause", f"pause, {_minutes(seconds)}", detail)
    if kind == "space":
        promised = f"promised back at {clock_words(timer['due_at'])}"
        if timer["ended_at"] is None:
            return Entry(timer["started_at"], "space", f"time alone, {_minutes(seconds)}", promised)
        how = SPACE_OUTCOMES.get(outcome or "", outcome or "")
        if outcome == "on_time":
            how = f"came back at {clock_words(timer['ended_at'])}, on time"
        return Entry(
            timer["started_at"], "space", f"time alone, {_minutes(seconds)}", f"{promised}; {how}"
        )
    name = timer["label"] or "ritual"
    detail = RITUAL_OUTCOMES.get(outcome or "", "running") if timer["ended_at"] else "running"
    return Entry(timer["started_at"], "ritual", f"{name}, {_minutes(seconds)}", detail)


def _feedback(store: Store, start: datetime | None, end: datetime | None) -> list[Entry]:
    ideas = {i["id"]: i["text"] for i in store.dated_rows("ideas")}
    entries = []
    for row in store.dated_rows("feedback", start, end):
        target = row["target_kind"] or "something"
        label = {"checkin": "the check-in", "pause": "the pause", "ritual": "the ritual"}.get(
            target, target
        )
        if target == "idea" and row["target_id"] in ideas:
            label = f"the idea: {ideas[row['target_id']]}"
        verdict = "helped" if row["helped"] else "did not help this time"
        entries.append(Entry(row["at"], "feedback", f"feedback on {label}", verdict))
    return entries


def timeline(
    store: Store,
    start: datetime | None = None,
    end: datetime | None = None,
    kind: str | None = None,
) -> list[Entry]:
    """Everything in [start, end), oldest first; `kind` keeps one of KINDS."""
    if kind is not None and kind not in KINDS:
        raise HearthError(f"--kind: unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    entries: list[Entry] = []
    entries += _checkins(store, start, end)
    entries += [_timer_entry(t) for t in store.timers_between(start, end)]
    for event in store.events_between(start, end):
        if event["kind"] == "win":
            entries.append(Entry(event["at"], "win", "a win celebrated"))
        elif event["kind"] == "schedule_set":
            when = cadence_words(event["time"], event["cadence"])
            entries.append(Entry(event["at"], "schedule", "check-in time set", when))
    entries += _feedback(store, start, end)
    for row in store.dated_rows("appreciations", start, end):
        entries.append(Entry(row["at"], "appreciation", "appreciation", row["text"]))
    for row in store.dated_rows("ideas", start, end):
        tried = f"tried {row['tried_at'][:10]}" if row["tried_at"] else "not tried yet"
        helped = {1: ", helped", 0: ", did not help"}.get(row["helped"], "")
        entries.append(Entry(row["at"], "idea", f"idea: {row['text']}", tried + helped))
    entries.sort(key=lambda e: (e.at, KINDS.index(e.kind)))
    return [e for e in entries if kind is None or e.kind == kind]


def table(entries: list[Entry], width: int = 100) -> str:
    """A plain-text table: day and time, kind, what, how it went (wrapped to `width`)."""
    if not entries:
        return "Nothing logged in this time."
    what_w = min(40, max(len(e.what) for e in entries))
    lead = 16 + 2 + 12 + 2 + what_w + 2
    detail_w = max(20, width - lead)
    lines = [f"{'when':<16}  {'kind':<12}  {'what':<{what_w}}  how it went"]
    lines.append("-" * min(width, lead + 12))
    for e in entries:
        detail = _wrap(e.detail, detail_w)
        what = e.what if len(e.what) <= what_w else e.what[: what_w - 1] + "…"
        first = f"{e.at:%Y-%m-%d %H:%M}  {e.kind:<12}  {what:<{what_w}}  {detail[0]}"
        lines.append(first.rstrip())
        lines += [" " * lead + more for more in detail[1:]]
    return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]
