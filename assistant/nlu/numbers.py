"""Numbers, durations, clock times and cadence, as people say and type them.

Everything works on *tokens*: lower-case words produced by `tokenize`, where
digits are split from letters ("8pm" -> "8 pm", "5-minute" -> "5 minute") and
"p.m." becomes "pm". Scanners return the value and the token index just after
the span, so `normalize` can replace the span by a placeholder.

Peers got these wrong ("twelve minutes" became 2 minutes, "one hour" became
2 seconds) because they matched substrings; here every number is a whole
token, and units are required for a duration.
"""

from __future__ import annotations

import re

DURATION, TIME, CADENCE = "#d", "#t", "#c"
"""The placeholders `normalize` puts where a length, a clock time or a cadence was read."""

UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "a couple of minutes" is two minutes. "A few minutes" is not a length: see UNCLEAR.
VAGUE = {"couple": 2}
UNCLEAR_QUANTITIES = frozenset(["few", "several", "some"])
"""Quantities that say no exact length ("a few minutes", "several hours"): never guessed."""

UNIT_SECONDS = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
    "minute": 60, "minutes": 60, "min": 60, "mins": 60, "minuts": 60,
    "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600, "h": 3600,
}  # fmt: skip

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | {"hundred", "half", "quarter"}

_MORNING = ("am", "in the morning", "this morning", "tomorrow morning")
_EVENING = (
    "pm",
    "in the evening",
    "this evening",
    "every evening",
    "in the afternoon",
    "at night",
    "tonight",
    "every night",
)

_TOKEN_RE = re.compile(r"\d+(?::\d+|\.\d+|/\d+)?|[^\W\d_]+(?:['’][^\W\d_]+)*")


def tokenize_spans(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for each word or number in `text`; spans index `text`.

    Tokens are lower case with apostrophes removed ("Let's" -> "lets"); digits are
    split from letters ("8pm" -> "8", "pm"); "p.m."/"p m" after a number -> "pm";
    "o'clock"/"o clock" -> "oclock". Punctuation and emoji are dropped.
    """
    out: list[tuple[str, int, int]] = []
    for match in _TOKEN_RE.finditer(text):
        tok = match.group().lower().replace("'", "").replace("’", "")
        start, end = match.span()
        if out:
            prev, pstart, _ = out[-1]
            if tok == "m" and prev in ("a", "p") and len(out) > 1 and _is_number(out[-2][0]):
                out[-1] = (prev + "m", pstart, end)
                continue
            if tok == "clock" and prev == "o":
                out[-1] = ("oclock", pstart, end)
                continue
        out.append((tok, start, end))
    return out


def _is_number(tok: str) -> bool:
    return tok[0].isdigit() or tok in UNITS or tok in TENS


def tokenize(text: str) -> list[str]:
    """Lower-case word and number tokens; punctuation and apostrophes dropped.

    "Let's take a 5-minute break!" -> ["lets", "take", "a", "5", "minute", "break"].
    """
    return [tok for tok, _, _ in tokenize_spans(text)]


def int_at(tokens: list[str], i: int) -> tuple[float, int] | None:
    """A plain number (no "a"/"half") at tokens[i]: digits or number words."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok[0].isdigit():
        if ":" in tok or "/" in tok:
            return None
        return float(tok), i + 1
    if tok in TENS:
        value = TENS[tok]
        if i + 1 < len(tokens) and tokens[i + 1] in UNITS and 0 < UNITS[tokens[i + 1]] < 10:
            return float(value + UNITS[tokens[i + 1]]), i + 2
        return float(value), i + 1
    # round 12 A: "a hundred and twenty seconds" is 120 ("twenty seconds" was read alone)
    a_hundred = tok in ("a", "an") and tokens[i + 1 : i + 2] == ["hundred"]
    if (tok in UNITS and tok != "oh") or a_hundred:
        value, j = (1 if a_hundred else UNITS[tok]), i + 1
        if j < len(tokens) and tokens[j] == "hundred":
            value, j = value * 100, j + 1
            if j < len(tokens) and tokens[j] == "and" and int_at(tokens, j + 1):
                j += 1
            rest = int_at(tokens, j)
            if rest and rest[0] < 100:
                value, j = value + int(rest[0]), rest[1]
        return float(value), j
    return None


def hours_clock_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    """("HH:00", end) for a continental clock time said in hours after "at" ("at 20
    hours", "at twenty hours"): hours 13-23 only, since "at eight hours" could be a
    length; the caller checks the "at"."""
    found = int_at(tokens, i)
    if not found or found[1] >= len(tokens) or tokens[found[1]] not in ("hours", "hrs", "h"):
        return None
    hour = int(found[0])
    if hour != found[0] or not 13 <= hour <= 23:
        return None
    return f"{hour:02d}:00", found[1] + 1


def continental_clock_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    """("HH:MM", end) for a clock time written the continental way, "20h00", "9h30"
    (tokens "20", "h", "00"); the caller checks that a time is meant ("for 1h30" is a
    length). A bare "9h" is left to `hours_clock_at` and to durations."""
    if i + 2 >= len(tokens) or tokens[i + 1] != "h" or not tokens[i].isdigit():
        return None
    hour, minutes = tokens[i], tokens[i + 2]
    if len(hour) > 2 or int(hour) > 23 or len(minutes) != 2 or not minutes.isdigit():
        return None
    if int(minutes) >= 60:
        return None
    return f"{int(hour):02d}:{minutes}", i + 3


def _fraction(tok: str) -> float | None:
    """ "1/2" -> 0.5, "3/4" -> 0.75 (None for anything else)."""
    top, slash, bottom = tok.partition("/")
    if not slash or not top.isdigit() or not bottom.isdigit() or int(bottom) == 0:
        return None
    return int(top) / int(bottom)


def _of_a(tokens: list[str], j: int) -> int:
    """Index after an optional "of a" / "of an" / "a" / "an" ("a quarter of an hour")."""
    if tokens[j : j + 1] == ["of"] and tokens[j + 1 : j + 2] in (["a"], ["an"]):
        return j + 2
    if tokens[j : j + 1] in (["a"], ["an"]):
        return j + 1
    return j


def _and_part(tokens: list[str], j: int) -> tuple[float, int]:
    """ "and a half" (0.5), "and a quarter" (0.25), "and a 1/2", "and 1/2" after a whole."""
    if tokens[j : j + 1] != ["and"]:
        return 0.0, j
    k = j + 2 if tokens[j + 1 : j + 2] in (["a"], ["an"]) else j + 1
    part = tokens[k] if k < len(tokens) else ""
    value = {"half": 0.5, "quarter": 0.25}.get(part) or _fraction(part)
    if value is None or value >= 1 or (part in ("half", "quarter") and k == j + 1):
        return 0.0, j  # "and half" alone is not said; "and 2" is another number
    return value, k + 1


_ROUGHLY = frozenset(("odd", "ish"))
"""What rounds a number before its unit ("twenty-odd minutes")."""


def _quantity_at(tokens: list[str], i: int) -> tuple[float, int] | None:
    """A quantity before a unit: "twelve", "a", "an", "one and a half", "half a",
    "half" ("half hour"), "a couple of", "1.5", "1/2 an", "a quarter of an",
    "three quarters of an", "2 and a 1/2"."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tok == "half":
        return 0.5, _of_a(tokens, i + 1)  # "half an hour", "half hour"
    if tok in ("a", "an", "one") and nxt == "half":
        return 0.5, _of_a(tokens, i + 2)  # "a half hour", "one half hour"
    if tok == "quarter" or (tok in ("a", "an", "one") and nxt == "quarter"):
        return 0.25, _of_a(tokens, i + 1 if tok == "quarter" else i + 2)
    if tok[0].isdigit() and _fraction(tok) is not None:
        return _fraction(tok), _of_a(tokens, i + 1)  # "1/2 an hour", "3/4 of an hour"
    if tok == "couple" or (tok in ("a", "an") and nxt in VAGUE):
        j = i + 1 if tok == "couple" else i + 2
        if j < len(tokens) and tokens[j] == "of":
            j += 1
        return float(VAGUE["couple"]), j
    if tok in ("a", "an") and nxt != "hundred":
        value, j = 1.0, i + 1
        if nxt in ("full", "whole"):
            j += 1  # round 12 A: "make it a full minute", "a whole hour"
    else:
        found = int_at(tokens, i)
        if found is None:
            return None
        value, j = found
        if j < len(tokens) and tokens[j] in ("quarter", "quarters"):  # "three quarters of an"
            return value * 0.25, _of_a(tokens, j + 1)
        nxt = tokens[j] if j < len(tokens) else ""
        if tok.isdigit() and "/" in nxt and (part := _fraction(nxt)) is not None and part < 1:
            return value + part, j + 1  # round 14 A: a typed mixed number, "1 1/2 mins"
        if nxt in _ROUGHLY and j + 1 < len(tokens) and tokens[j + 1] in UNIT_SECONDS:
            # round 14 A: "twenty-odd minutes", "ten-ish minutes" are the number, as
            # "twenty minutes or so" is (the odd word had been fuzzily read as a minute)
            j += 1
    # "one and a half minutes", "2 and a 1/2 minutes"
    part, j = _and_part(tokens, j)
    return value + part, j


def duration_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """Seconds and end index of a duration starting at tokens[i], or None.

    Handles "twelve minutes", "a minute and a half", "one and a half minutes",
    "half an hour", "an hour and ten minutes", "1 hr 30 min", "5 minute", "2 min".
    """
    total = 0.0
    j = end = i
    unit = 0  # seconds in the unit of the last part read
    found_any = False
    while True:
        q = _quantity_at(tokens, j)
        if q is None or q[1] >= len(tokens) or tokens[q[1]] not in UNIT_SECONDS:
            break
        value, k = q
        # A compound goes down in units ("an hour and ten minutes", "two minutes thirty
        # seconds"); the same unit again is the length said twice, or another one ("two
        # minutes, two minutes"; "ten minutes five minutes"), never their sum.
        if found_any and UNIT_SECONDS[tokens[k]] >= unit:
            break
        unit = UNIT_SECONDS[tokens[k]]
        # A bare "s"/"h" is only a unit right after digits ("90 s", "2 h").
        if tokens[k] in ("s", "h") and not tokens[k - 1][0].isdigit():
            break
        k += 1
        part, k = _and_part(tokens, k)  # "an hour and a half"
        value += part
        total += value * unit
        found_any = True
        j = end = k
        # "an hour and ten minutes", "two minutes thirty seconds"
        if j < len(tokens) and tokens[j] == "and" and _quantity_at(tokens, j + 1):
            nxt = _quantity_at(tokens, j + 1)
            if nxt and nxt[1] < len(tokens) and tokens[nxt[1]] in UNIT_SECONDS:
                j += 1
    if not found_any:
        return None
    j = end
    if unit == UNIT_SECONDS["hour"] and (extra := _minutes_after_hours(tokens, j)):
        total, j = total + extra[0] * 60, extra[1]  # "an hour fifteen"
    return round(total), j


_AFTER_CLOCK = frozenset(["oclock", "am", "pm", "o"])


def _minutes_after_hours(tokens: list[str], j: int) -> tuple[int, int] | None:
    """Minutes said bare after hours ("one hour fifteen", "two hours thirty"), or None."""
    found = int_at(tokens, j)
    if found is None or not 1 <= found[0] <= 59 or found[0] != int(found[0]):
        return None
    k = found[1]
    if k < len(tokens) and (tokens[k] in UNIT_SECONDS or tokens[k] in _AFTER_CLOCK):
        return None
    return int(found[0]), k


def unclear_duration_at(tokens: list[str], i: int) -> int | None:
    """End index of a length said at tokens[i] that cannot be read exactly, or None.

    "a few minutes", "several hours", "some minutes" (no number), "five or ten
    minutes", "ten to fifteen minutes", "2-3 minutes" (a range), "a minute or two",
    "twenty minutes or half an hour" (two lengths). Hearth asks how long instead of
    guessing; an exact length (see `duration_at`) is never unclear.
    """
    found = duration_at(tokens, i)
    if found:
        k = found[1] + 1
        if tokens[found[1] : k] in (["maybe"], ["perhaps"]) and int_at(tokens, k):
            # "ten minutes, maybe fifteen": a second thought, not settled
            return (duration_at(tokens, k) or int_at(tokens, k))[1]
        if tokens[found[1] : k] != ["or"]:
            return None
        other = duration_at(tokens, k) or int_at(tokens, k)
        return other[1] if other else None  # "twenty minutes or half an hour", "a minute or two"
    j = i + (tokens[i] in ("a", "an"))
    if j < len(tokens) and tokens[j] in UNCLEAR_QUANTITIES:
        k = j + 1
        if k < len(tokens) and tokens[k] in ("more", "of"):
            k += 1
        if k < len(tokens) and tokens[k] in UNIT_SECONDS and len(tokens[k]) > 1:
            return k + 1  # "a few minutes", "several hours"
        return None
    number = int_at(tokens, i)
    if number is None:
        return None
    joined = tokens[number[1] : number[1] + 1] in (["or"], ["to"])
    k = number[1] + joined
    found = duration_at(tokens, k)
    if found and not joined and number[0] == (int_at(tokens, k) or (None,))[0]:
        return None  # "take five? five minutes": the number said again, not a range
    return found[1] if found else None  # "five or ten minutes", "2-3 minutes"


_OPEN_ENDED = re.compile(
    r"[\s,;:.!?-]*\b(?:or maybe|maybe even|or even|or possibly|if not|maybe|perhaps|possibly"
    r"|probably|or)\s+(?:a (?:bit|little) |even )?(?:more|longer)(?: than that)?[\s.!?]*$",
    re.IGNORECASE,
)


def without_open_end(text: str) -> str | None:
    """`text` without an open-ended hedge on its length at the end ("we need a minute,
    maybe more", "an hour of space or longer"), or None when it has none.

    The hedge says the length is not settled: Hearth asks how long instead of taking
    the length said (or the default) as the whole of it. Only the end of a request
    counts, and something must come before it: "maybe longer" alone asks for more time.
    """
    found = _OPEN_ENDED.search(text)
    if found is None or not text[: found.start()].strip(" ,;:.!?-"):
        return None
    return text[: found.start()]


_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"
_AMOUNT = (
    r"(?:an?|\d+(?:\.\d+)?|half|(?:(?:twenty|thirty|forty|fifty|sixty|ninety)[\s-]?)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen)"
    r"|twenty|thirty|forty|fifty|sixty|ninety)"
)
_OPEN_BOUND = re.compile(
    # "over an hour", "more than twenty minutes", "at least ten minutes" ("just over",
    # "a little over" are a number said loosely, as "about": taken as said)
    r"(?<!just )(?<!a little )(?<!a bit )(?<!slightly )\b(?:over|more than|at least|upwards of)\s+"
    rf"(?={_AMOUNT}\b(?:[\s-]+\w+)?[\s-]*{_UNIT}\b)"
    # "an hour and a bit", "twenty minutes plus", "an hour and then some"
    rf"|(?P<unit>\b{_UNIT})(?:\s+and\s+a\s+(?:bit|little)|\s*\+|\s+plus|\s+and\s+then\s+some)"
    r"(?!\s+(?:of|to|for|with)\b)"
    rf"|(?P<digit>\d)\+(?=\s*{_UNIT}\b)",  # "20+ mins"
    re.IGNORECASE,
)


def without_open_bound(text: str) -> str | None:
    """`text` without the words that leave its length open at one end ("space for over
    an hour", "an hour and a bit", "twenty minutes plus"), or None when it has none.

    Such a length is a bound, not a length: Hearth asks how long, as for "an hour or
    more" (`without_open_end`), instead of taking the number as the whole of it.
    """
    cut = _OPEN_BOUND.sub(lambda found: found["unit"] or found["digit"] or "", text)
    return None if cut == text else cut


CORRECTIONS = tuple(
    tuple(words.split())
    for words in sorted(
        [
            "no", "no no", "no wait", "wait", "no sorry", "sorry", "no make it", "no make that",
            "make it", "make that", "i mean", "no i mean", "or rather", "no actually",
            "actually", "well", "no um", "um no", "uh no", "no uh",
        ],
        key=lambda words: -len(words.split()),
    )
)  # fmt: skip
"""Words that take back the number just said ("five no ten minutes", "seven, sorry, eight
o'clock"): the number after them is the one meant."""


def corrected_at(tokens: list[str], i: int) -> int | None:
    """Index of the number that replaces the one said at tokens[i], or None.

    "five no ten minutes", "twenty, no, thirty seconds", "seven no eight o'clock",
    "three no make it four more minutes": the first number is taken back. A unit said
    with the first number must be said with the second too ("five minutes no ten
    minutes"), so no number is left without its unit.
    """
    first = int_at(tokens, i)
    if first is None:
        return None
    j = first[1]
    unit = j < len(tokens) and tokens[j] in UNIT_SECONDS
    j += unit
    for words in CORRECTIONS:
        if tuple(tokens[j : j + len(words)]) != words:
            continue
        k = j + len(words)
        second = int_at(tokens, k)
        if second is None:
            return None
        if unit and not duration_at(tokens, k):
            return None
        return k
    return None


def parse_duration(text: str) -> int | None:
    """Seconds of the first duration in `text`, or None when there is none, or when a
    length is said that cannot be read exactly ("a few minutes", "five or ten minutes").

    >>> parse_duration("twelve minutes"), parse_duration("one hour"), parse_duration("a minute")
    (720, 3600, 60)
    """
    tokens = tokenize(text)
    for i in range(len(tokens)):
        if unclear_duration_at(tokens, i):
            return None  # "five or ten minutes" is not ten minutes
        found = duration_at(tokens, i)
        if found:
            return found[0]
    return None


def _phrase_at(tokens: list[str], i: int, phrases: tuple[str, ...]) -> int:
    """End index when one of `phrases` starts at tokens[i], else i."""
    for phrase in phrases:
        words = phrase.split()
        if tokens[i : i + len(words)] == words:
            return i + len(words)
    return i


def _minutes_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The minutes part of "nine thirty", "six forty five", "seven oh five", "9 30"."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok == "oh" or tok == "o":
        unit = tokens[i + 1] if i + 1 < len(tokens) else ""
        if unit in UNITS and 0 < UNITS[unit] < 10:
            return UNITS[unit], i + 2
        return None
    if tok.isdigit() and len(tok) == 2 and int(tok) < 60:
        return int(tok), i + 1
    if tok in TENS and TENS[tok] < 60:
        found = int_at(tokens, i)
        return (int(found[0]), found[1]) if found else None
    if tok in UNITS and 10 <= UNITS[tok] < 20:
        return UNITS[tok], i + 1
    return None


_MINUTES_BEFORE_HOUR = frozenset((5, 10, 20, 25))
"""Minute counts said before an hour ("ten to nine"); "eight to ten" is a range."""


def _minutes_to_hour(
    tokens: list[str], i: int, minutes: int, j: int
) -> tuple[int, int, int] | None:
    """(hour 1-12, minute, end index) for "twenty to ten", "ten past nine", else None.

    Not after "from"/"between" ("from ten to eleven" is a range), and only with a
    minute count people say so (5, 10, 20, 25, or 13-29 past the hour): a wrong
    time is worse than none.
    """
    if j + 1 >= len(tokens) or tokens[j] not in ("past", "after", "to", "til", "till"):
        return None
    if i > 0 and tokens[i - 1] in ("from", "between"):
        return None
    before = tokens[j] in ("to", "til", "till")
    if not (minutes in _MINUTES_BEFORE_HOUR or (not before and 13 <= minutes <= 29)):
        return None
    found = int_at(tokens, j + 1)
    if not found or found[0] != int(found[0]) or not 1 <= found[0] <= 12:
        return None
    hour, end = int(found[0]), found[1]
    if before:
        hour, minutes = (hour - 1) % 12 or 12, 60 - minutes
    return hour, minutes, end


def clock_time_at(
    tokens: list[str], i: int, prefer_evening: bool = True, bare: bool = True
) -> tuple[str, int, bool] | None:
    """("HH:MM", end index, explicit) for a clock time starting at tokens[i], or None.

    `explicit` is True when the span itself says it is a time (a colon, am/pm,
    "o'clock", "half past", "in the evening", two-part "nine thirty"); a lone
    "eight" is only a time when `bare` is True. Without am/pm, hours 1-11 are
    read as evening when `prefer_evening` (an evening check-in "at eight").
    """
    if i >= len(tokens):
        return None
    tok = tokens[i]
    hour: int | None = None
    minute = 0
    explicit = False
    j = i
    if tok in ("noon", "midday"):
        return "12:00", i + 1, True
    if tok == "midnight":
        return "00:00", i + 1, True
    if ":" in tok:
        h, m = tok.split(":")
        if not (h.isdigit() and m.isdigit() and int(h) < 24 and int(m) < 60):
            return None
        hour, minute, j, explicit = int(h), int(m), i + 1, True
    elif _dotted_time(tok):
        # typed "8.45 pm", "at 9.15": a time only with am/pm or after "at" (1.5 is a number)
        h, m = tok.split(".")
        hour, minute, j = int(h), int(m), i + 1
    elif tok == "half" and (hour_after := _hour_word(tokens, i + 1)):
        hour, minute, j, explicit = hour_after, 30, i + 2, True  # "half eight" is 8:30
    elif tok in ("half", "quarter") or (
        tok == "a" and i + 1 < len(tokens) and tokens[i + 1] == "quarter"
    ):
        # "half past nine", "quarter to nine", "a quarter past eight"
        k = i + 1 if tok == "a" else i
        offset = 30 if tokens[k] == "half" else 15
        if k + 1 >= len(tokens) or tokens[k + 1] not in ("past", "to", "after", "til", "till"):
            return None
        found = int_at(tokens, k + 2)
        if not found or not 1 <= found[0] <= 12 or found[0] != int(found[0]):
            return None
        hour, j = int(found[0]), found[1]
        if tokens[k + 1] in ("to", "til", "till"):
            hour, minute = (hour - 1) % 12 or 12, 60 - offset
        else:
            minute = offset
        explicit = True
    else:
        found = int_at(tokens, i)
        if not found or found[0] != int(found[0]):
            return None
        hour, j = int(found[0]), found[1]
        if tok.isdigit() and len(tok) in (3, 4):  # "830", "2030"
            hour, minute = divmod(int(tok), 100)
            explicit = True
        relative = None if explicit else _minutes_to_hour(tokens, i, hour, j)
        if relative:
            hour, minute, j = relative
            explicit = True
        if not 0 <= hour < 24 or minute >= 60:
            return None
        mins = _minutes_at(tokens, j) if not explicit else None
        if mins and hour <= 12:
            minute, j, explicit = mins[0], mins[1], True
    if j < len(tokens) and tokens[j] == "oclock":
        j, explicit = j + 1, True
    suffix = None
    end = _phrase_at(tokens, j, _MORNING)
    if end > j:
        suffix, j = "am", end
    else:
        end = _phrase_at(tokens, j, _EVENING)
        if end > j:
            suffix = "pm"
            if tokens[j] != "every":  # "every evening" stays for the cadence slot
                j = end
    if suffix:
        explicit = True
    if not explicit and not bare:
        return None
    if hour > 12 and suffix == "am":
        return None
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    elif suffix is None and prefer_evening and 1 <= hour <= 11 and not _is_24h(tokens[i]):
        hour += 12
    return f"{hour:02d}:{minute:02d}", j, explicit


def _dotted_time(tok: str) -> bool:
    """ "8.45", "10.30": an hour, a dot and two digits of minutes."""
    h, dot, m = tok.partition(".")
    return bool(dot) and h.isdigit() and int(h) < 24 and len(m) == 2 and m.isdigit() and int(m) < 60


def _hour_word(tokens: list[str], i: int) -> int | None:
    """The hour 1-12 at tokens[i] when it is the clock's hour alone ("half eight"), not a
    count of something ("half eight minutes") or the start of a longer number."""
    found = int_at(tokens, i)
    if not found or found[1] != i + 1 or not 1 <= found[0] <= 12 or found[0] != int(found[0]):
        return None
    if found[1] < len(tokens) and tokens[found[1]] in UNIT_SECONDS:
        return None
    return int(found[0])


def _is_24h(tok: str) -> bool:
    """ "08:00" or "0830" written with a leading zero is a deliberate morning time."""
    return tok.startswith("0") and len(tok) > 1


def parse_clock_time(text: str, prefer_evening: bool = True) -> str | None:
    """ "HH:MM" (24 h) of the first clock time in `text`, or None.

    >>> parse_clock_time("at 8 pm"), parse_clock_time("at eight"), parse_clock_time("20:30")
    ('20:00', '20:00', '20:30')
    """
    tokens = tokenize(text)
    i = 0
    while i < len(tokens):
        dur = duration_at(tokens, i)
        if dur:  # "ten minutes" is not ten o'clock
            i = dur[1]
            continue
        found = clock_time_at(tokens, i, prefer_evening)
        if found:
            return found[0]
        i += 1
    return None


CADENCES = {
    "daily": ("daily", "every day", "each day", "every evening", "each evening", "every night",
              "each night", "nightly", "every single day", "once a day",
              # round 11 A: British and Irish "of an evening" (as a habit)
              "of an evening", "of a night"),
    "every_other_day": ("every other day", "every second day", "every two days",
                        "every 2 days", "every other evening", "every other night",
                        "every second evening", "every second night", "alternate days",
                        "on alternate days", "every couple of days", "other day",
                        "alternate evenings", "on alternate evenings", "alternate nights",
                        "on alternate nights", "each two days", "each other day",
                        "each second day", "every two day", "each two day",
                        # round 11 A: "every alternate day" (Indian and formal English)
                        "every alternate day", "each alternate day", "every alternate evening",
                        "every alternate night"),
}  # fmt: skip


def parse_cadence(text: str) -> str | None:
    """ "daily" or "every_other_day" for a cadence phrase inside `text`, or None."""
    padded = " " + " ".join(tokenize(text)) + " "
    for name in ("every_other_day", "daily"):
        for phrase in CADENCES[name]:
            if f" {phrase} " in padded:
                return name
    return None
