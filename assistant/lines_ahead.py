"""Which of Hearth's lines are rendered before they are needed.

Most of what Hearth says answers a request with a known line, and rendering one costs
up to a few hundred milliseconds on a small machine: heard after every request. The
live loop renders these lines at start-up, one at a time, into the line cache
(`assistant.speech.line_cache`, on disk once confirmed). Lines are filled in as the
settings fill them (the config file's ritual lengths and crisis line); a line that
reads back something of the couple's is never among them.
"""

from __future__ import annotations

from assistant.config import Settings
from assistant.dialog.responses import Responses, fill
from assistant.dialog.timewords import duration_words
from assistant.speech.sentences import first_sentence

PAUSES_AHEAD = (30, 90, 120, 180, 300, 600, 900)
"""Pause lengths besides the minute whose opening line is rendered ahead: the ones a
couple is likely to ask for ("give us five minutes", "ninety seconds")."""


def lines_ahead(responses: Responses, settings: Settings | None = None) -> list[str]:
    """The lines worth rendering ahead, in the order they are rendered: the one-minute
    pause's lines first (the request that must be answered at once), then the answers
    to a call for help, every line that has no value to fill in, the opening sentence
    of a line whose value comes later ("Okay. I'll check back at {at}": it plays while
    the rest renders) and the rituals' opening lines, then the check-in questions (read
    right after the opening line, which would otherwise wait for the question's
    render), then the openings of pauses of other common lengths and of a restarted
    pause, then the rituals' guided cues and closing lines."""
    settings = settings or Settings()
    lines = responses.lines
    first = {
        "pause.start": {"duration": duration_words(60)},
        "pause.countdown": {"left": duration_words(30)},
        "pause.last_seconds": {"left": duration_words(10)},
        "safety.line": {"crisis_line": settings.crisis_line},
        "check.safety": {"crisis_line": settings.crisis_line},
    }
    ahead = [fill(v, fields) for key, fields in first.items() for v in lines.get(key, [])]
    ahead += [v for variants in lines.values() for v in variants if "{" not in v]
    openings = [first_sentence(v) for variants in lines.values() for v in variants if "{" in v]
    ahead += [opening for opening, rest in openings if rest and "{" not in opening]
    minutes = settings.ritual_minutes
    rituals = [r.lasting(minutes.get(r.name)) for r in responses.rituals.values()]
    lengths = {r.name: {"duration": duration_words(r.seconds)} for r in rituals}
    ahead += [fill(v, lengths[r.name]) for r in rituals for v in r.start]
    ahead += responses.all_questions()
    ahead += [
        fill(v, {"duration": duration_words(seconds)})
        for key, seconds in [("pause.restart", 60), *(("pause.start", n) for n in PAUSES_AHEAD)]
        for v in lines.get(key, [])
    ]
    ahead += [v for r in rituals for _, variants in r.cues for v in variants]
    ahead += [fill(v, lengths[r.name]) for r in rituals for v in r.end]
    return list(dict.fromkeys(ahead))
