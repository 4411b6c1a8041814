"""A watched recognizer: a speech engine that hangs or crashes is replaced, not fatal.

The engines are native code (PocketSphinx, Vosk): a call can raise or never return.
`GuardedRecognizer` runs every call of the real recognizer on a worker thread and
waits at most `hang_s`. A call that raises or hangs is logged (its kind, never what
was said), the worker is abandoned (a thread cannot be killed; a new one takes over)
and a new recognizer is built by the factory; the call returns as if nothing was
heard, so the listener simply goes on with the next block.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from assistant.speech.types import Mode, Recognizer, Utterance

log = logging.getLogger(__name__)

HANG_S = 5.0
"""A call that takes longer than this hung (a 20 ms block is decoded in about 1 ms)."""

MODE_HANG_S = 60.0
"""The same for a mode change, which may load a model: PocketSphinx builds its open model
the first time open mode is asked for (about 1 s on a quiet machine, several times that
on a loaded one)."""


class _Worker:
    """A thread running calls one at a time; abandoned (not joined) when it hangs."""

    def __init__(self) -> None:
        self.jobs: queue.Queue[tuple[Callable[..., Any], tuple, Future] | None] = queue.Queue()
        threading.Thread(target=self._run, daemon=True, name="recognizer").start()

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            call, args, done = job
            try:
                done.set_result(call(*args))
            except BaseException as exc:  # handed to the caller
                done.set_exception(exc)

    def call(self, call: Callable[..., Any], args: tuple, timeout: float) -> Any:
        done: Future[Any] = Future()
        self.jobs.put((call, args, done))
        return done.result(timeout=timeout)

    def abandon(self) -> None:
        self.jobs.put(None)  # it ends if it ever wakes up


class GuardedRecognizer:
    """A `Recognizer` that restarts the real one when it hangs or crashes.

    Args:
        factory: builds a new real recognizer (called once now, again per restart).
        hang_s: how long one call may take.

    Attributes:
        restarts: how many times the recognizer was replaced (a new one in place).
    """

    def __init__(
        self,
        factory: Callable[[], Recognizer],
        hang_s: float = HANG_S,
        mode_hang_s: float = MODE_HANG_S,
    ) -> None:
        self._factory = factory
        self.hang_s = hang_s
        self.mode_hang_s = mode_hang_s
        self.inner = factory()
        self.name = self.inner.name
        self.sample_rate = self.inner.sample_rate
        self.restarts = 0
        self._mode: Mode = self.inner.mode
        self._worker = _Worker()

    def __getattr__(self, name: str) -> Any:
        """Whatever else the current engine offers (its grammar, its rejection bars, the
        optional readings the listener looks up with getattr): values as they are,
        methods run under the watchdog like the protocol's own."""
        if name.startswith("_") or name == "inner":
            raise AttributeError(name)  # never forward internals (or recurse in __init__)
        value = getattr(self.inner, name)
        if not callable(value):
            return value

        def guarded(*args: Any, **kwargs: Any) -> Any:
            return self._call(name, *args, **kwargs)

        return guarded

    @property
    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode: Mode) -> None:
        self._call("set_mode", mode, hang_s=self.mode_hang_s)
        self._mode = mode

    def accept(self, pcm: bytes) -> Utterance | None:
        return self._call("accept", pcm)

    def partial(self) -> str:
        return self._call("partial", default="")

    def finish(self) -> Utterance | None:
        return self._call("finish")

    def reset(self) -> None:
        self._call("reset")

    def close(self) -> None:
        self._worker.abandon()

    def _call(
        self,
        method: str,
        *args: Any,
        default: Any = None,
        hang_s: float | None = None,
        **kwargs: Any,
    ) -> Any:
        inner = self.inner
        limit = self.hang_s if hang_s is None else hang_s
        try:
            return self._worker.call(lambda *a: getattr(inner, method)(*a, **kwargs), args, limit)
        except TimeoutError:
            why = f"hung for {limit:.0f} s"
        except ValueError:
            raise  # a caller's mistake (an unknown mode), not the engine's
        except Exception as exc:
            why = f"failed ({type(exc).__name__})"  # the kind only: a message may quote speech
        self._restart(why)
        return default

    def _restart(self, why: str) -> None:
        log.warning("Speech recognition %s; restarting it.", why)
        self._worker.abandon()
        self._worker = _Worker()
        try:
            inner = self._factory()
            if inner.mode != self._mode:
                inner.set_mode(self._mode)
        except Exception as exc:  # the next failing call tries again
            log.warning("Speech recognition could not restart (%s).", type(exc).__name__)
            return
        self.inner = inner
        self.restarts += 1  # counted once the new one is in place: listening again
        log.warning("Speech recognition restarted; listening again.")
