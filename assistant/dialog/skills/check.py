"""Check: a request heard with little evidence is named back and waits for a yes.

The listener marks a request after the wake phrase as unsure when the engine's own
reading backs it only weakly (`Heard.unsure`). Everyday talk forced onto a command
reads that way far more often than a real request does, so Hearth asks ("Did you
want a pause?") and acts only after a yes, or when the same request is said again.
Nothing is done or logged before that; the request waits in memory only. A reply
that turns the question down and names another request ("no, we need a minute")
is a correction, and that request is acted on.

A call for help heard that weakly is asked about without repeating what was heard
("I may have misheard. ... Is someone not safe?"), and the question itself gives the
crisis line, so help never waits on the yes; a yes gives the full safety line.
"""

from __future__ import annotations

from typing import Any

from assistant.dialog import actions as act
from assistant.dialog.state import Answer, Context, Pending
from assistant.dialog.timewords import duration_words
from assistant.nlu.intent import NONE, Intent
from assistant.nlu.safety import SAFETY

CHECK_WINDOW_S = 10.0
"""How long the question stays open: a yes comes at once or not at all."""
WITH_LENGTH = ("pause", "space", "extend")
"""Requests whose question names the length heard ("a pause of five minutes?")."""
RITUALS = ("walk", "coffee", "breakfast", "mindfulness", "call")
"""Rituals whose question names them (intents/rituals.yaml); others get the general one."""
CORRECTION_LEADS = ("no", "nope", "nah", "not", "i said", "i meant")
"""How a reply that corrects Hearth's question starts ("no, I said we need a minute")."""


YES_LEADS = ("yes", "yeah", "yep", "yup")
NO_LEADS = ("no", "nope", "nah")
"""Words that open a reply as a plain yes or no ("yes please start it", "no that
wasn't for you"), whatever the words after them are."""
LED_ANSWER_WORDS = 6
"""A reply led by a yes or a no is taken as that answer only this short: longer speech
that opens with "yeah" is mostly the couple talking on ("yeah so anyway, as I was
saying...")."""
FILLERS = frozenset({"uh", "um", "er", "oh", "mm", "hmm", "well"})
"""Sounds before the answer itself ("um yes i asked for that"): passed over."""
HEDGES = frozenset({"but", "not", "no", "don't", "wait", "later", "maybe", "what"})
"""Words after a yes that take it back or question it ("yeah but not now"): such a
reply is no plain answer."""


def led_answer(answer: Intent) -> Intent:
    """A reply to "did you want ...?" that the NLU reads as nothing, but that opens
    with a yes or a no and is short ("yes i asked for that", "yeah the walk", "no we
    didn't ask for anything"), as that answer; `answer` itself otherwise. The couple
    says yes in their own words, and the words after it need not make a sentence of
    their own. A yes with a hedge after it stays nothing."""
    if answer.name != NONE:
        return answer
    words = answer.text.lower().replace(",", " ").replace(".", " ").split()
    while words and words[0] in FILLERS:
        words = words[1:]
    if not 1 < len(words) <= LED_ANSWER_WORDS:
        return answer  # a bare "yes" or "no" the NLU reads itself; long speech is talk
    if words[0] in YES_LEADS and not HEDGES.intersection(words[1:]):
        return Intent("yes", {}, answer.confidence, answer.text)
    if words[0] in NO_LEADS:
        return Intent("no", {}, answer.confidence, answer.text)
    return answer


def corrects(answer: Intent) -> bool:
    """`answer`, said while Hearth asks about a request, turns it down and names
    another: Hearth misheard, and the couple said what they meant. Other speech that
    reads as a request may be more of the talk that was taken for one, and is let go."""
    said = " ".join(answer.text.lower().replace(",", " ").split())
    led = any(said == lead or said.startswith(lead + " ") for lead in CORRECTION_LEADS)
    return led and answer.name not in (NONE, "yes", "no")


def line_key(intent: Intent) -> tuple[str, dict[str, Any]]:
    """The key of the question that names `intent` back, and its fields."""
    name, slots = intent.name, intent.slots
    if name in WITH_LENGTH and slots.get("seconds"):
        return f"check.{name}_for", {"duration": duration_words(slots["seconds"])}
    if name == "ritual" and slots.get("ritual") in RITUALS:
        return f"check.ritual_{slots['ritual']}", {}
    if name == "feedback":
        return ("check.feedback_helped" if slots.get("helped", True) else
                "check.feedback_not_helped"), {}  # fmt: skip
    return f"check.{name}", {}


def handle(ctx: Context, intent: Intent) -> list[act.Action]:
    key, fields = line_key(intent)
    if intent.name == SAFETY:
        # Help never waits on the yes: the question itself gives the crisis line.
        fields = {"crisis_line": ctx.settings.crisis_line}
    return [
        act.Say(key, fields),
        act.Ask(
            "check",
            "request",
            seconds=CHECK_WINDOW_S,
            data={"intent": intent.name, "slots": dict(intent.slots), "text": intent.text},
        ),
    ]


def held(pending: Pending) -> Intent:
    """The request the question was about, as it was heard."""
    data = pending.data
    return Intent(data["intent"], dict(data["slots"]), 1.0, data["text"])


def declined(ctx: Context, request: Intent) -> list[act.Action]:
    """A "no": leave it, and say so briefly (after "is someone not safe?", gladly)."""
    return [act.Say("check.safety_no" if request.name == SAFETY else "check.no_thanks")]


def on_timer(ctx: Context, name: str, data: dict) -> list[act.Action]:
    return []


def on_answer(ctx: Context, pending: Pending, answer: Answer) -> list[act.Action]:
    # Only a lapse comes here (the engine acts on a yes itself): let it go quietly.
    return []
