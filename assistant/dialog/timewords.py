"""Times and durations as a person says them: "about forty seconds", "8:30",
"every evening at eight". Words only; the sentences around them live in intents/.
"""

from __future__ import annotations

from datetime import datetime

_ONES = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """0..99 in words ("twenty five"); larger numbers as digits."""
    if n < 0 or n > 99:
        return str(n)
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")


def duration_words(seconds: float) -> str:
    """An exact-ish duration: "thirty seconds", "one minute", "a minute and a half",
    "twenty minutes", "an hour", "an hour and a half"."""
    s = round(seconds)
    if s < 60:
        return "one second" if s == 1 else f"{number_words(s)} seconds"
    if s >= 3600 and s % 1800 == 0:
        hours, half = divmod(s, 3600)
        if hours == 1:
            return "an hour and a half" if half else "an hour"
        return f"{number_words(hours)} and a half hours" if half else f"{number_words(hours)} hours"
    if round(s / 60) >= 60:  # "two hours and ten minutes", never "130 minutes"
        hours, minutes = divmod(round(s / 60), 60)
        base = "an hour" if hours == 1 else f"{number_words(hours)} hours"
        return base + (f" and {duration_words(minutes * 60)}" if minutes else "")
    minutes, rest = divmod(s, 60)
    if rest == 30 and minutes < 60:
        return (
            "a minute and a half" if minutes == 1 else f"{number_words(minutes)} and a half minutes"
        )
    if rest == 0 or minutes >= 5:
        minutes = round(s / 60)
        return "one minute" if minutes == 1 else f"{number_words(minutes)} minutes"
    return f"{duration_words(minutes * 60)} and {duration_words(rest)}"


def about(seconds: float) -> str:
    """A rounded remaining time for speech: "about forty seconds", "about two minutes"."""
    s = max(0, round(seconds))
    if s < 8:
        return "just a few seconds"
    if s < 55:
        return f"about {number_words(int(5 * round(s / 5)))} seconds"
    if s < 75:
        return "about a minute"
    if s < 105:
        return "about a minute and a half"
    if s < 3600 - 90:
        return f"about {number_words(round(s / 60))} minutes"
    return "about " + duration_words(1800 * round(s / 1800))


def clock_words(at: datetime | str) -> str:
    """A clock time as said aloud, 12-hour: "8:30", "8 o'clock", "12:05"."""
    hour, minute = (at.hour, at.minute) if isinstance(at, datetime) else map(int, at.split(":"))
    h12 = hour % 12 or 12
    return f"{h12} o'clock" if minute == 0 else f"{h12}:{minute:02d}"


def _short_time(hour: int, minute: int) -> str:
    h12 = hour % 12 or 12
    if minute == 0:
        return number_words(h12)
    return f"{h12}:{minute:02d}"


def part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def cadence_words(time: str, cadence: str) -> str:
    """ "every evening at eight", "every other morning at 7:30"."""
    hour, minute = map(int, time.split(":"))
    every = "every other" if cadence == "every_other_day" else "every"
    return f"{every} {part_of_day(hour)} at {_short_time(hour, minute)}"


def spoken_clock(hour: int, minute: int) -> str:
    """A clock time in words, 12-hour: "eight", "nine thirty", "seven oh five"."""
    h12 = number_words(hour % 12 or 12)
    if minute == 0:
        return h12
    return f"{h12} {'oh ' if minute < 10 else ''}{number_words(minute)}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def when_words(at: datetime, wall: datetime) -> str:
    """A coming moment as said aloud, from `wall`: "tonight at nine thirty", "tomorrow at
    eight", "tomorrow morning at seven", "on Wednesday at eight"."""
    days = (at.date() - wall.date()).days
    part = part_of_day(at.hour)
    clock = spoken_clock(at.hour, at.minute)
    if days == 0:
        day = "tonight" if part in ("evening", "night") else f"this {part}"
    elif days == 1:
        day = "tomorrow" if part in ("evening", "night") else f"tomorrow {part}"
    else:
        day = f"on {_WEEKDAYS[at.weekday()]}"
    return f"{day} at {clock}"


def cadence_phrase(time: str, cadence: str) -> str:
    """How often, without the time: "every evening", "every other morning"."""
    every = "every other" if cadence == "every_other_day" else "every"
    return f"{every} {part_of_day(int(time.split(':')[0]))}"
