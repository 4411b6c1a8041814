"""`hearth service`: the systemd user unit's text and where it is written (a private
XDG_CONFIG_HOME); without a systemd user manager the file is still written."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

from assistant.service import systemd_available, unit_text


def _parse(text: str) -> configparser.ConfigParser:
    ini = configparser.ConfigParser(interpolation=None, strict=True)
    ini.optionxform = str  # systemd keys are case-sensitive
    ini.read_string(text)
    return ini


def test_the_unit_runs_this_python_and_restarts_on_failure() -> None:
    ini = _parse(unit_text())
    assert ini.sections() == ["Unit", "Service", "Install"]
    service = ini["Service"]
    assert service["ExecStart"] == f"{Path(sys.executable).absolute()} -m assistant run"
    assert Path(service["ExecStart"].split()[0]).is_absolute()
    assert service["Restart"] == "on-failure"
    assert int(service["RestartSec"]) == 5
    assert int(ini["Unit"]["StartLimitBurst"]) >= 1  # a broken file is no restart loop
    assert ini["Install"]["WantedBy"] == "default.target"
    needs_root = {"User", "Group", "CapabilityBoundingSet", "AmbientCapabilities"}
    assert not needs_root & set(service)


def test_a_config_path_with_a_space_is_quoted(tmp_path: Path) -> None:
    config = tmp_path / "my settings.toml"
    exec_start = _parse(unit_text(python="/usr/bin/python3", config=config))["Service"]["ExecStart"]
    assert exec_start == f'/usr/bin/python3 -m assistant --config "{config}" run'


def test_install_status_uninstall_under_xdg_config_home(hearth, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {"XDG_CONFIG_HOME": str(xdg)}
    unit = xdg / "systemd" / "user" / "hearth.service"

    dry = hearth("service", "install", "--dry-run", env=env)
    assert dry.returncode == 0 and "ExecStart=" in dry.stdout and not unit.exists()

    done = hearth("service", "install", env=env)
    assert done.returncode == 0, done.stderr
    assert unit.read_text(encoding="utf-8") == unit_text()
    assert dry.stdout == f"# {unit}\n{unit_text()}"
    if not systemd_available():
        assert "systemctl --user enable --now hearth" in done.stdout
        assert "journalctl --user -u hearth" in done.stdout
    status = hearth("service", "status", env=env)
    assert status.returncode == 0 and f"installed at {unit}" in status.stdout

    gone = hearth("service", "uninstall", env=env)
    assert gone.returncode == 0 and f"Removed {unit}" in gone.stdout and not unit.exists()
    assert "not installed" in hearth("service", "status", env=env).stdout
