"""The audio devices PortAudio lists, and the up-front check of a device index.

A device given by index that is not in the list (or cannot record or play) is a
mistake to report at once, with the list; a device given by name may be a USB
microphone that is unplugged for now, so the live loop keeps retrying it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.errors import AudioDeviceError

Kind = Literal["input", "output"]


@dataclass(frozen=True)
class Device:
    """One PortAudio device.

    Attributes:
        index: the number `--input-device`/`--output-device` take.
        name: the device's name (also accepted by those options).
        inputs: recording channels (0: cannot record).
        outputs: playback channels (0: cannot play).
    """

    index: int
    name: str
    inputs: int
    outputs: int

    def channels(self, kind: Kind) -> int:
        return self.inputs if kind == "input" else self.outputs


def list_devices() -> list[Device]:
    """Every device PortAudio sees now; AudioDeviceError when PortAudio is unusable."""
    try:
        import sounddevice as sd

        found = sd.query_devices()
    except (OSError, ImportError) as exc:  # no libportaudio2
        raise AudioDeviceError(f"cannot list audio devices: {exc}") from None
    except Exception as exc:  # sounddevice.PortAudioError
        raise AudioDeviceError(f"cannot list audio devices: {exc}") from None
    return [
        Device(int(d["index"]), str(d["name"]), int(d["max_input_channels"]),
               int(d["max_output_channels"]))
        for d in found
    ]  # fmt: skip


def describe(devices: list[Device], kind: Kind) -> str:
    """'0 "pulse", 3 "default"': the devices that can do `kind`, on one line."""
    usable = [f'{d.index} "{d.name}"' for d in devices if d.channels(kind)]
    return ", ".join(usable) if usable else "none"


def check_index(value: str | int | None, kind: Kind) -> None:
    """Raise AudioDeviceError when `value` is an index no device has (names pass)."""
    if not isinstance(value, int):
        return
    devices = list_devices()
    match = next((d for d in devices if d.index == value), None)
    if match is not None and match.channels(kind):
        return
    what = "microphone" if kind == "input" else "speaker"
    problem = "no such device" if match is None else f'"{match.name}" cannot be a {what}'
    raise AudioDeviceError(
        f"{kind} device {value}: {problem}; {kind} devices: {describe(devices, kind)} "
        "(give an index or a name from this list)"
    )
