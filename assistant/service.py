"""`hearth service`: a systemd *user* unit that starts Hearth with the session and
restarts it when it fails.

Nothing needs root: the unit lives in `$XDG_CONFIG_HOME/systemd/user/` and is driven by
`systemctl --user`. Where systemd is not running (a container, this build machine) the
file is still written and the commands to enable it are printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "hearth.service"
RESTART_SEC = 5
START_LIMIT_BURST = 5
START_LIMIT_INTERVAL_S = 300
"""Five failed starts in five minutes and systemd stops trying: a file Hearth cannot
use (a bad configuration, a damaged database) never becomes a restart loop."""


def unit_path(environ: dict[str, str] | os._Environ[str] | None = None) -> Path:
    """Where the user unit goes: `$XDG_CONFIG_HOME/systemd/user/hearth.service`."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(base) / "systemd" / "user" / UNIT_NAME


def _quote(arg: str) -> str:
    """systemd's ExecStart quoting: plain words stay bare, others go in double quotes."""
    if arg and all(c.isalnum() or c in "/._-+=:@," for c in arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def exec_start(python: str, config: Path | None = None) -> str:
    args = [python, "-m", "assistant"]
    if config is not None:
        args += ["--config", str(config.expanduser().resolve())]
    return " ".join(_quote(a) for a in [*args, "run"])


def unit_text(python: str | None = None, config: Path | None = None) -> str:
    """The unit file: the current interpreter (absolute) runs `-m assistant run`."""
    python = str(Path(python or sys.executable).absolute())
    return f"""\
# Hearth, written by `hearth service install`. Log: journalctl --user -u hearth
[Unit]
Description=Hearth, an offline voice companion
After=sound.target pulseaudio.service pipewire-pulse.service
StartLimitIntervalSec={START_LIMIT_INTERVAL_S}
StartLimitBurst={START_LIMIT_BURST}

[Service]
Type=simple
ExecStart={exec_start(python, config)}
Restart=on-failure
RestartSec={RESTART_SEC}
Environment=PYTHONUNBUFFERED=1
TimeoutStopSec=10

[Install]
WantedBy=default.target
"""


def systemd_available() -> bool:
    """True when a systemd user manager answers (`systemctl --user` can be used)."""
    if shutil.which("systemctl") is None:
        return False
    try:
        done = subprocess.run(
            ["systemctl", "--user", "show-environment"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _systemctl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemctl", "--user", *args], capture_output=True, text=True, timeout=30
    )


HOW_TO_ENABLE = (
    "systemctl --user daemon-reload && systemctl --user enable --now hearth; "
    "log: journalctl --user -u hearth"
)


def install(config: Path | None = None) -> list[str]:
    """Write the unit and, where systemd runs, enable and start it. Lines to print."""
    from assistant.errors import HearthError

    path = unit_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(unit_text(config=config), encoding="utf-8")
    except OSError as exc:
        raise HearthError(f"{path}: cannot write the unit: {exc.strerror}") from None
    lines = [f"Wrote {path}"]
    if not systemd_available():
        return [*lines, f"systemd is not running for this user here; where it is: {HOW_TO_ENABLE}"]
    for args in (("daemon-reload",), ("enable", "--now", UNIT_NAME)):
        done = _systemctl(*args)
        if done.returncode != 0:
            problem = (done.stderr.strip().splitlines() or ["failed"])[-1]
            raise HearthError(f"systemctl --user {' '.join(args)}: {problem}")
    return [*lines, "Enabled and started; log: journalctl --user -u hearth"]


def uninstall() -> list[str]:
    """Stop and disable the unit (where systemd runs) and remove its file."""
    path = unit_path()
    lines = []
    if systemd_available():
        _systemctl("disable", "--now", UNIT_NAME)
    if path.exists():
        path.unlink()
        lines.append(f"Removed {path}")
        if systemd_available():
            _systemctl("daemon-reload")
    else:
        lines.append(f"Not installed ({path} does not exist)")
    return lines


@dataclass(frozen=True)
class ServiceStatus:
    """Whether the unit is installed and what systemd says about it.

    Attributes:
        path: the unit file.
        installed: the file exists.
        current: the file is what `install` would write now (same interpreter).
        active: `systemctl --user is-active` ("active", "failed", ...); None without systemd.
        enabled: `systemctl --user is-enabled`; None without systemd.
    """

    path: Path
    installed: bool
    current: bool
    active: str | None
    enabled: str | None

    def line(self) -> str:
        if not self.installed:
            return f"not installed ({self.path}); to start with the session: hearth service install"
        stale = "" if self.current else " (written for another Python: hearth service install)"
        if self.active is None:
            return f"installed at {self.path}{stale}; systemd is not running here"
        return f"installed at {self.path}, {self.enabled}, {self.active}{stale}"


def status() -> ServiceStatus:
    path = unit_path()
    installed = path.is_file()
    current = False
    if installed:
        text = path.read_text(encoding="utf-8", errors="replace")
        current = f"ExecStart={_quote(str(Path(sys.executable).absolute()))} " in text
    if not systemd_available():
        return ServiceStatus(path, installed, current, None, None)
    active = _systemctl("is-active", UNIT_NAME).stdout.strip() or "unknown"
    enabled = _systemctl("is-enabled", UNIT_NAME).stdout.strip() or "unknown"
    return ServiceStatus(path, installed, current, active, enabled)
