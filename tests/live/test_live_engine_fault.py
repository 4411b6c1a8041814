"""A live run whose dialog engine thread dies must end with a clear error, never listen on
deaf and mute (or hang at the end of an input file, as the drain loop once did)."""

from __future__ import annotations

import threading

import pytest

from assistant.config import Settings
from assistant.errors import HearthError
from assistant.live import LiveLoop, RunOptions, default_engine_factory
from assistant.nlu import load_parser


class EngineDied(BaseException):
    """Not an Exception: gets past the engine's own containment, as only a fatal bug would."""


# The engine thread dies of an uncaught BaseException on purpose: pytest's report of it is
# this test's premise, not a finding.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_dead_engine_ends_the_run_with_an_error_instead_of_hanging(
    tmp_path, recognizer, espeak, wavs
) -> None:
    clip = tmp_path / "in.wav"
    wavs.concat([(None, 0.5), (espeak("hey hearth we need a minute"), 3.0)], clip)
    settings = Settings(db_path=tmp_path / "h.db", voice="en-us")
    make_engine = default_engine_factory(settings)
    load_parser()  # built once and cached: the engine thread then starts at once

    def fragile_engine(speaker, clock):
        engine = make_engine(speaker, clock)

        def hear(text: str, **how):
            raise EngineDied

        engine.hear = hear
        return engine

    loop = LiveLoop(
        settings,
        RunOptions(input_wav=clip, output_wav=tmp_path / "out.wav"),
        recognizer=recognizer,
        engine_factory=fragile_engine,
        stdout=lambda line: None,
        stderr=lambda line: None,
    )
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            loop.run()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    runner.join(timeout=120)  # a bound for a broken build only: a pass ends within seconds
    if runner.is_alive():
        loop.stop()
        pytest.fail("the run hung after its dialog engine died")
    [error] = outcome
    assert isinstance(error, HearthError)
    assert "engine stopped" in str(error)
