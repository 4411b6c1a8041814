"""A private PulseAudio daemon with a 16 kHz mono null sink `loop`: a real loopback
without a sound card. Shared by the live tests (tests/live/conftest.py) and the
benchmarks that need one (benchmarks/talk_over.py), so both start it the same way.

The daemon has its own socket (it never meets another daemon on the machine), the
monitor of `loop` is its default source, and it is stopped by its PID.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

NULL_SINK = "sink_name=loop rate=16000 channels=1"


class LoopbackError(RuntimeError):
    """PulseAudio is missing or would not start (the message says which)."""


def wait_for(check: Callable[[], bool], timeout: float) -> bool:
    """Poll `check` every 50 ms until it is true (True) or `timeout` passed (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def start_pulse(always_sink: bool = True) -> tuple[dict[str, str], int, Path]:
    """Start a private PulseAudio daemon with a 16 kHz mono null sink `loop`.

    Returns its environment, its PID and its runtime folder. With `always_sink` a
    dummy sink takes over when `loop` is unloaded (streams keep running); without it,
    unloading `loop` takes the device away from every stream, like an unplugged card.
    """
    binary = shutil.which("pulseaudio")
    if binary is None or shutil.which("pactl") is None:
        raise LoopbackError(
            "pulseaudio and pulseaudio-utils are required for the live tests "
            "(apt-get install pulseaudio pulseaudio-utils libasound2-plugins)"
        )
    runtime = Path(tempfile.mkdtemp(prefix="hearth-pulse-"))
    socket = runtime / "native"
    env = {"PULSE_RUNTIME_PATH": str(runtime), "PULSE_SERVER": f"unix:{socket}"}
    full_env = {**os.environ, **env}
    started = subprocess.run(
        [
            # No memfd: PulseAudio 16.1 aborted in memblock_replace_import() with it in a
            # talk-over run (pulseaudio issue 824); shared memory or copying works.
            binary, "-n", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit",
            "--enable-memfd=no",
            f"--log-target=file:{runtime / 'pulse.log'}",
            f"--load=module-native-protocol-unix socket={socket}",
            f"--load=module-null-sink {NULL_SINK}",
            *(["--load=module-always-sink"] if always_sink else []),
        ],
        env=full_env, capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip
    if started.returncode != 0:
        raise LoopbackError(f"pulseaudio did not start: {started.stderr.strip()}")
    pid_file = runtime / "pid"
    ready = wait_for(
        lambda: (
            pid_file.exists()
            and subprocess.run(["pactl", "info"], env=full_env, capture_output=True).returncode == 0
        ),
        timeout=10,
    )
    if not ready:
        raise LoopbackError("pulseaudio started but does not answer on its socket")
    pid = int(pid_file.read_text().split()[0])
    set_defaults(full_env)
    return env, pid, runtime


def set_defaults(env: dict[str, str]) -> None:
    """Make `loop` the default sink and its monitor the default source."""
    for args in (["set-default-sink", "loop"], ["set-default-source", "loop.monitor"]):
        subprocess.run(["pactl", *args], env=env, check=True, capture_output=True)


def stop_pulse(pid: int, runtime: Path) -> None:
    """Stop the daemon started by `start_pulse` (by its PID) and remove its folder."""
    os.kill(pid, signal.SIGTERM)
    wait_for(lambda: not Path(f"/proc/{pid}").exists(), timeout=5)
    shutil.rmtree(runtime, ignore_errors=True)


def rescan_portaudio() -> None:
    """PortAudio lists devices once, at start; make it look again now that a server runs."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()
