"""Run the real `hearth` command with a private HOME and config folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def hearth(tmp_path: Path):
    """`hearth(*args, env=..., stdin=...)` -> CompletedProcess (text), in a clean home."""
    home = tmp_path / "home"
    home.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    base.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    base.update(XDG_DATA_HOME=str(home / ".local/share"))

    def run(*args: str, env: dict[str, str] | None = None, stdin: str = "", timeout: float = 120):
        return subprocess.run(
            [sys.executable, "-m", "assistant", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**base, **(env or {})},
            timeout=timeout,
        )

    run.home = home  # type: ignore[attr-defined]
    return run
