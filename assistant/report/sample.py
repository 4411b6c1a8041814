"""A plausible history for the report's benchmark, tests and screenshot: a couple's
evenings written through the same Store methods the dialog uses (so the rows have the
real shapes), on a seeded random generator (the same seed gives the same history).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from assistant.store import Store

APPRECIATIONS = [
    "thank you for making tea when I came home tired",
    "I loved that you planned the walk by the river",
    "thanks for listening without fixing it",
    "you remembered my sister's birthday",
    "thank you for the note in my bag",
    "I appreciate you taking the call with the landlord",
    "thanks for saying sorry first",
    "you made the kitchen smell of cinnamon",
]
IDEAS = [
    "a phone free hour after dinner",
    "say one thing we're grateful for at breakfast",
    "a ten minute walk before a hard talk",
    "plan a date night every other friday",
    "write down the worry and come back to it tomorrow",
    "hold hands for the first minute of a hard talk",
]
QUESTIONS = [
    "What's one thing you'd like to learn or try together?",
    "What made you feel close to me this week?",
    "What's something you're looking forward to?",
    "What would help you feel rested this weekend?",
]
RITUALS = {"walk": 900, "coffee": 1200, "breakfast": 2700, "mindfulness": 180, "call": 600}


def _feedback(store: Store, at: datetime, kind: str, target: int | None, helped: bool) -> None:
    """`Store.add_feedback` without its own transaction (the whole history is one)."""
    store.conn.execute(
        "INSERT INTO feedback (at, target_kind, target_id, helped) VALUES (?, ?, ?, ?)",
        (at.isoformat(timespec="seconds"), kind, target, int(helped)),
    )
    if kind == "idea":
        store.conn.execute("UPDATE ideas SET helped = ? WHERE id = ?", (int(helped), target))
    store.log(at, "feedback", target=kind, target_id=target, helped=helped)


def _command(store: Store, at: datetime, intent: str, **slots: object) -> None:
    store.log(at, "command", intent=intent, slots=slots, confidence=0.97)


def generate(store: Store, end: datetime, days: int, seed: int = 7) -> None:
    """Write `days` days of evenings ending the day before `end` into `store`."""
    rng = random.Random(seed)
    first = datetime.combine(end.date() - timedelta(days=days), time())
    store.conn.execute("BEGIN")
    try:
        at = first + timedelta(hours=20)
        _command(store, at, "set_checkin", time="21:00", cadence="daily")
        store.set_schedule("21:00", "daily", at + timedelta(hours=1))
        store.log(at, "schedule_set", time="21:00", cadence="daily")
        idea_ids: list[int] = []
        for day in range(days):
            evening = first + timedelta(days=day, hours=18, minutes=rng.randrange(0, 120))
            _evening(store, rng, evening, day, idea_ids)
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise


def _evening(store: Store, rng: random.Random, at: datetime, day: int, ideas: list[int]) -> None:
    weekend = at.weekday() >= 5
    if rng.random() < 0.7:  # the check-in, most evenings at nine
        when = at.replace(hour=21, minute=0)
        store.log(when, "checkin_started", scheduled=True)
        for i in range(rng.choice((1, 1, 2))):
            store.question_asked(rng.choice(QUESTIONS), day // 40, when + timedelta(minutes=i))
        store.log(when + timedelta(minutes=12), "checkin_ended", completed=True)
        if rng.random() < 0.3:
            _feedback(store, when + timedelta(minutes=13), "checkin", None, rng.random() < 0.8)
    if rng.random() < 0.35:  # a pause when a talk gets heated
        seconds = rng.choice((60, 60, 90, 120, 180))
        end = at + timedelta(seconds=seconds)
        _command(store, at, "pause", seconds=seconds)
        store.timer_started("pause", at, seconds, end)
        early = rng.random() < 0.3
        store.timer_ended(
            "pause", at, end - timedelta(seconds=20) if early else end,
            "resumed" if early else "completed",
        )  # fmt: skip
        if rng.random() < 0.2:
            _feedback(store, end, "pause", None, True)
    if rng.random() < 0.12:  # time alone with a return time
        start = at + timedelta(minutes=10)
        seconds = rng.choice((1200, 1800, 3600))
        due = start + timedelta(seconds=seconds)
        _command(store, start, "space", seconds=seconds)
        store.timer_started("space", start, seconds, due)
        outcome = rng.choices(("on_time", "late", "unconfirmed"), (0.78, 0.14, 0.08))[0]
        back = due - timedelta(minutes=rng.randrange(0, 5)) if outcome == "on_time" else due
        store.timer_ended("space", start, back, outcome)
        store.log(back, "space_returned", on_time={"on_time": True, "late": False}.get(outcome))
    if rng.random() < (0.8 if weekend else 0.4):  # a ritual together
        name = rng.choice(["breakfast", "walk", "coffee"] if weekend else list(RITUALS)[1:])
        start = at - timedelta(hours=rng.choice((1, 2, 10 if weekend else 1)))
        seconds = RITUALS[name]
        _command(store, start, "ritual", ritual=name)
        store.timer_started("ritual", start, seconds, start + timedelta(seconds=seconds), name)
        store.log(start, "ritual_started", ritual=name)
        store.timer_ended("ritual", start, start + timedelta(seconds=seconds), "completed")
        store.log(start + timedelta(seconds=seconds), "ritual_ended", ritual=name)
    if rng.random() < 0.12:
        _command(store, at + timedelta(minutes=30), "win")
        store.log(at + timedelta(minutes=30), "win")
    if rng.random() < 0.1:
        text = rng.choice(APPRECIATIONS)
        store.add_appreciation(text, at + timedelta(minutes=40))
        store.log(at + timedelta(minutes=40), "appreciation_saved")
    if day % 19 == 3 and len(ideas) < len(IDEAS):
        ideas.append(store.add_idea(IDEAS[len(ideas)], at + timedelta(minutes=50)))
    if day % 19 == 9 and ideas:
        idea = ideas[-1]
        store.mark_idea_tried(idea, at)
        store.log(at, "tried", target="idea", target_id=idea)
        if rng.random() < 0.8:
            _feedback(store, at + timedelta(days=1), "idea", idea, rng.random() < 0.7)
