"""The configuration file: every value checked, `file:line` errors, where each value
came from, and `hearth config path|show|init`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from assistant.cache import cache_dir
from assistant.config import ConfigError, Settings, load_config, starter_file

BAD_VALUES = [
    ('answer_window_s = "ten"', "answer_window_s"),
    ('rate = "fast"', "rate"),
    ("db_path = 5", "db_path"),
    ('checkin_grace_s = "x"', "checkin_grace_s"),
    ("rate = 5000", "40 to 500"),
    ('quiet_hours = "22:00-7:00"', "HH:MM-HH:MM"),
    ('engine = "kaldi"', "sphinx"),
    ("volume = true", "volume"),
    ('front_end = "rnnoise"', '"webrtc", "deepfilter" or "none"'),
    ("noise_suppression = 5", "0 (off) to 4"),
    ("auto_gain_dbfs = 40", "0 (off) to 31"),
    ("max_boost_db = 31", "0 (off) to 30"),
]


@pytest.mark.parametrize(("line", "named"), BAD_VALUES)
def test_a_bad_value_stops_hearth_with_file_and_line(hearth, tmp_path, line, named) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'# my settings\nwake_phrase = "hey hearth"\n{line}\n', encoding="utf-8")
    db = tmp_path / "h.db"
    done = hearth("--config", str(config), "chat", "--db", str(db), stdin="we need a minute\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    problem = done.stderr.strip().splitlines()
    assert problem[0].startswith(f"Error: {config}:3: ")
    assert named in problem[0] and "(" in problem[0]
    assert not db.exists()  # nothing started on a half-read configuration


def test_every_problem_is_listed_at_once_with_its_line(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        'ratee = 150\nvoice = "en-us"\nvolume = 3\n\n[ritual_minutes]\nwalk = 0\nrun = 5\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(config, environ={})
    problems = caught.value.problems
    assert problems[0] == f"{config}:1: unknown setting 'ratee' (did you mean 'rate'?)"
    assert problems[1].startswith(f"{config}:3: volume = 3:")
    assert problems[2].startswith(f"{config}:6: walk = 0:")
    assert problems[3].startswith(f"{config}:7: run = 5: unknown ritual")
    assert len(problems) == 4


def test_broken_toml_names_its_line(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('voice = "en-us"\nrate = \n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{config}:2: not valid TOML"):
        load_config(config, environ={})


def test_a_missing_file_named_by_hearth_config_is_an_error(hearth, tmp_path) -> None:
    missing = tmp_path / "nowhere" / "config.toml"
    done = hearth("chat", env={"HEARTH_CONFIG": str(missing)}, stdin="")
    assert done.returncode == 1
    assert f"{missing}: no such configuration file (named by $HEARTH_CONFIG" in done.stderr
    done = hearth("--config", str(missing), "config", "show")
    assert done.returncode == 1 and "named by --config" in done.stderr


def test_environment_values_are_checked_the_same_way(hearth) -> None:
    done = hearth("config", "show", env={"HEARTH_RATE": "fast"})
    assert done.returncode == 1
    assert done.stderr.startswith('Error: environment HEARTH_RATE: rate = "fast": Expected `int`')
    done = hearth("config", "show", env={"HEARTH_RATE": "150", "HEARTH_DB": "/tmp/x.db"})
    assert done.returncode == 0, done.stderr
    assert "rate = 150  # environment HEARTH_RATE" in done.stdout
    assert 'db_path = "/tmp/x.db"  # environment HEARTH_DB' in done.stdout


def test_flags_are_checked_too() -> None:
    with pytest.raises(ConfigError, match=r"^--rate: rate = 3: Expected `int` >= 40"):
        Settings().with_overrides(rate=3)
    with pytest.raises(ConfigError, match=r"^--db: db_path = 5"):
        Settings().with_overrides(db_path=5)
    flagged = Settings().with_overrides(db_path=Path("~/h.db"), input_device=2)  # as click gives
    assert flagged.db_path == Path.home() / "h.db" and flagged.input_device == 2


def test_show_names_the_source_of_every_setting(hearth, tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('voice = "en-us+f2"\n\nrate = 150\n', encoding="utf-8")
    done = hearth("--config", str(config), "config", "show", env={"HEARTH_RATE": "170"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f'voice = "en-us+f2"  # file {config}:1' in lines
    assert "rate = 170  # environment HEARTH_RATE" in lines  # the environment beats the file
    assert 'wake_phrase = "hey hearth"  # default' in lines
    assert len(lines) == 1 + len(Settings.__dataclass_fields__)


def test_relative_paths_in_the_file_are_relative_to_the_file(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('db_path = "data/hearth.db"\n', encoding="utf-8")
    assert load_config(config, environ={}).settings.db_path == tmp_path / "data/hearth.db"


def test_path_and_init(hearth) -> None:
    default = hearth.home / ".config" / "hearth" / "config.toml"
    done = hearth("config", "path")
    assert done.stdout.strip() == f"{default}  (default; does not exist (defaults apply))"
    assert hearth("config", "init").returncode == 0
    assert default.read_text(encoding="utf-8") == starter_file()
    assert "exists" in hearth("config", "path").stdout
    again = hearth("config", "init")
    assert again.returncode == 1 and "already exists" in again.stderr
    default.write_text("rate = 100\n", encoding="utf-8")
    assert hearth("config", "init", "--force").returncode == 0
    assert default.read_text(encoding="utf-8") == starter_file()


def test_the_starter_file_loads_and_every_example_line_is_valid(tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(starter_file(), encoding="utf-8")
    assert load_config(config, environ={}).settings == Settings()
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and (" = " in line or "# [" in line) else line
        for line in starter_file().splitlines()
    )
    config.write_text(uncommented, encoding="utf-8")
    loaded = load_config(config, environ={}).settings
    assert loaded.checkin_time == "21:30" and loaded.ritual_minutes == {"walk": 15, "coffee": 15}


@pytest.mark.parametrize(
    ("span", "at", "quiet"),
    [
        ("22:00-07:00", "23:30", True),
        ("22:00-07:00", "06:59", True),
        ("22:00-07:00", "07:00", False),
        ("22:00-07:00", "21:59", False),
        ("13:00-14:00", "13:30", True),
        ("13:00-14:00", "14:30", False),
    ],
)
def test_quiet_hours_may_wrap_midnight(span: str, at: str, quiet: bool) -> None:
    wall = datetime.fromisoformat(f"2026-01-05T{at}")
    assert Settings(quiet_hours=span).is_quiet(wall) is quiet


def test_hearth_parse_does_not_read_the_configuration(hearth, tmp_path: Path) -> None:
    """`parse` needs no settings: a broken file must not slow or stop it."""
    config = tmp_path / "c.toml"
    config.write_text("rate = 'fast'\n", encoding="utf-8")
    # The compiled templates' cache of the user running the tests: in the clean home it
    # would be empty, and compiling them all costs 15-45 s for nothing this test checks.
    warm = {"HEARTH_CACHE_DIR": str(cache_dir())}
    done = hearth("--config", str(config), "parse", "we need a minute", env=warm)
    assert done.returncode == 0 and '"intent": "pause"' in done.stdout


def test_doctor_lists_config_problems_and_repairs_nothing_blind(hearth, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('db_path = 5\nvoice = "en-us"\nrate = "fast"\n', encoding="utf-8")
    done = hearth("--config", str(config), "doctor", "--no-audio")
    assert done.returncode == 1
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAIL  configuration")]
    assert [line.split(": ")[1] for line in failed] == [f"{config}:1", f"{config}:3"]
    blind = hearth("--config", str(config), "doctor", "--repair", "--no-audio")
    assert blind.returncode == 1 and "give --db PATH" in blind.stderr


def test_hearth_run_stops_on_a_bad_rate_before_loading_anything(hearth, tmp_path: Path) -> None:
    """The bug: `rate = "fast"` hung 37 s in speech synthesis, then a traceback."""
    config = tmp_path / "c.toml"
    config.write_text('rate = "fast"\n', encoding="utf-8")
    clip = tmp_path / "in.wav"
    clip.write_bytes(b"RIFF")  # never read: the configuration is checked first
    out, db = str(tmp_path / "out.wav"), str(tmp_path / "h.db")
    done = hearth(
        "--config", str(config), "run", "--input-wav", str(clip), "--fast",
        "--output-wav", out, "--db", db,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith(f'Error: {config}:1: rate = "fast": Expected `int`, got `str`')
    assert "Traceback" not in done.stderr and not (tmp_path / "h.db").exists()
