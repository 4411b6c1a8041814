"""Slot parsers: numbers, durations, clock times and cadence as said and typed."""

from __future__ import annotations

import pytest

from assistant.nlu.normalize import normalize
from assistant.nlu.numbers import (
    parse_cadence,
    parse_clock_time,
    parse_duration,
    tokenize,
    unclear_duration_at,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("one minute", 60),
        ("a minute", 60),
        ("90 seconds", 90),
        ("ninety seconds", 90),
        ("a minute and a half", 90),
        ("one and a half minutes", 90),
        ("half a minute", 30),
        ("two and a half minutes", 150),
        ("twenty five minutes", 1500),
        ("twenty-five minutes", 1500),
        ("twelve minutes", 720),  # not two
        ("one hour", 3600),  # not two seconds
        ("an hour", 3600),
        ("half an hour", 1800),
        ("an hour and a half", 5400),
        ("5-minute", 300),
        ("2 min", 120),
        ("2mins", 120),
        ("1.5 minutes", 90),
        ("an hour and ten minutes", 4200),
        ("1 hr 30 min", 5400),
        ("two minutes thirty seconds", 150),
        ("a couple of minutes", 120),
        ("a quarter of an hour", 900),
        ("forty five minutes", 2700),
        ("give us three minutes please", 180),
        ("back in twenty minutes", 1200),
    ],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("half hour", 1800),  # no article
        ("a half hour", 1800),
        ("one and a half hours", 5400),
        ("1 and a half hours", 5400),
        ("1.5 hours", 5400),
        ("2 and a half minutes", 150),
        ("2 and a 1/2 minutes", 150),
        ("1/2 an hour", 1800),
        ("1/2 a minute", 30),
        ("1 and a 1/2 hours", 5400),
        ("90 secs", 90),
        ("quarter of an hour", 900),
        ("quarter hour", 900),
        ("three quarters of an hour", 2700),
        ("an hour and a quarter", 4500),
        ("couple of minutes", 120),
        ("a couple minutes", 120),
        ("an hour and 5 minutes", 3900),
    ],
)
def test_durations_in_every_form(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "a few minutes",
        "few minutes",
        "several hours",
        "some minutes",
        "five or ten minutes",
        "ten to fifteen minutes",
        "2-3 minutes",
        "a minute or two",
        "twenty minutes or half an hour",
    ],
)
def test_a_length_that_cannot_be_read_exactly_is_never_guessed(text: str) -> None:
    tokens = tokenize(text)
    assert unclear_duration_at(tokens, 0) == len(tokens)
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("text", "lengths"),
    [
        ("two minutes two minutes", [120, 120]),  # said twice, not four minutes
        ("two minutes and two minutes", [120, 120]),
        ("an hour and an hour", [3600, 3600]),
        ("ten minutes five minutes", [600, 300]),  # two lengths: which one is asked
        ("five minutes an hour", [300, 3600]),
        ("an hour and ten minutes", [4200]),  # a compound goes down in units
        ("two minutes thirty seconds", [150]),
    ],
)
def test_a_length_said_again_is_never_added_to_itself(text: str, lengths: list[int]) -> None:
    assert normalize(text).durations == lengths


@pytest.mark.parametrize("text", ["where's the remote", "at eight", "one", "minute", "twelve"])
def test_no_duration_without_a_unit_and_a_number(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("text", "hhmm"),
    [
        ("eight", "20:00"),
        ("at eight", "20:00"),  # an evening check-in said without am/pm
        ("at 8 pm", "20:00"),
        ("8pm", "20:00"),
        ("nine p m", "21:00"),
        ("nine p.m.", "21:00"),
        ("seven thirty in the evening", "19:30"),
        ("six forty five pm", "18:45"),
        ("eight in the morning", "08:00"),
        ("7 a.m.", "07:00"),
        ("20:30", "20:30"),
        ("8:15", "20:15"),
        ("nine thirty every evening", "21:30"),
        ("half past nine", "21:30"),
        ("quarter to nine", "20:45"),
        ("ten o'clock", "22:00"),
        ("ten o clock at night", "22:00"),
        ("seven oh five", "19:05"),
        ("midnight", "00:00"),
        ("noon", "12:00"),
        ("twelve", "12:00"),
        ("check in for twelve minutes at nine", "21:00"),  # the duration is skipped
        # minutes before or after the hour (were 20:00 / 20:05: a wrong time)
        ("twenty to ten", "21:40"),
        ("ten to nine", "20:50"),
        ("ten past nine am", "09:10"),
        ("twenty five past eight", "20:25"),
        ("25 past 8", "20:25"),
        # typed with a dot (round 4): "8.45 pm", "at 9.15"
        ("8.45 pm", "20:45"),
        ("at 9.15", "21:15"),
        ("10.30 in the evening", "22:30"),
    ],
)
def test_clock_times(text: str, hhmm: str) -> None:
    assert parse_clock_time(text) == hhmm


def test_a_range_is_not_read_as_minutes_to_the_hour() -> None:
    # "from ten to eleven" and "eight to ten" are ranges, not 22:50 or 21:52
    assert parse_clock_time("from ten to eleven") == "22:00"
    assert parse_clock_time("eight to ten") == "20:00"


def test_clock_time_without_evening_preference() -> None:
    assert parse_clock_time("at eight", prefer_evening=False) == "08:00"
    assert parse_clock_time("at 8 pm", prefer_evening=False) == "20:00"


@pytest.mark.parametrize("text", ["where's the remote", "25:00", "the kids", ""])
def test_no_clock_time(text: str) -> None:
    assert parse_clock_time(text) is None


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("daily", "daily"),
        ("every day", "daily"),
        ("every evening", "daily"),
        ("every night", "daily"),
        ("every other day", "every_other_day"),
        ("every second day", "every_other_day"),
        ("every two days", "every_other_day"),
        ("sometimes", None),
    ],
)
def test_cadence(text: str, cadence: str | None) -> None:
    assert parse_cadence(text) == cadence


def test_tokenize_splits_digits_and_units_and_drops_punctuation() -> None:
    assert tokenize("Let's take a 5-minute break at 9 p.m.!") == [
        "lets", "take", "a", "5", "minute", "break", "at", "9", "pm",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "hhmm"),
    [("at half eight", "20:30"), ("move it to half nine", "21:30"), ("half 7", "19:30")],
)
def test_half_and_the_hour_is_half_past(text: str, hhmm: str) -> None:
    """British "half eight" is 8:30 (evening first, like "at eight")."""
    assert parse_clock_time(text) == hhmm


@pytest.mark.parametrize("text", ["half an hour", "half eight minutes", "half past"])
def test_half_before_a_unit_is_no_clock_time(text: str) -> None:
    assert parse_clock_time(text) is None


@pytest.mark.parametrize(("text", "seconds"), [("ten, ten minutes", 600), ("two two minutes", 120)])
def test_a_number_said_again_with_its_unit_is_one_length(text: str, seconds: int) -> None:
    """The same number twice is said again, not a range: read exactly, never asked."""
    assert parse_duration(text) == seconds
    assert parse_duration("2-3 minutes") is None  # a typed range stays unclear


def test_a_dotted_number_is_a_time_only_when_it_says_so() -> None:
    # "1.5 hours" stays a length, a price is no time; "at 9.15" is one
    assert normalize("we need 1.5 hours").durations == [5400]
    assert normalize("the price is 8.45 pounds").times == []
    assert normalize("check in at 9.15").times == ["21:15"]


@pytest.mark.parametrize(
    ("text", "times", "durations"),
    [
        ("set our check-in time at 20h00", ["20:00"], []),
        ("move the check in to 21h30", ["21:30"], []),
        ("we need space till 21h15", ["21:15"], []),
        ("check in for 21h30", ["21:30"], []),
        ("we need space for 1h30", [], [5400]),  # after "for", an hour and a half
        ("give us more time by 1h30", [], [5400]),
    ],
)
def test_a_continental_clock_time_is_a_time_after_a_time_word(
    text: str, times: list[str], durations: list[int]
) -> None:
    normalized = normalize(text)
    assert (normalized.times, normalized.durations) == (times, durations)
