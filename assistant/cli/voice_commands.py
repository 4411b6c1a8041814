"""`hearth run`: the live assistant (microphone or WAV in, speaker or WAV out)."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.errors import HearthError


def _device(value: str | None) -> str | int | None:
    """A device given as a number is an index; anything else is a name."""
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


@click.command("run")
@click.option("--input-device", metavar="X", help="Microphone: name or index (default: system).")
@click.option("--output-device", metavar="X", help="Speaker: name or index (default: system).")
@click.option("--no-wake", is_flag=True, help="Listen without the wake phrase.")
@click.option(
    "--engine",
    type=click.Choice(["vosk", "sphinx"]),
    help="Recognition engine (default: Vosk when a model is installed, else PocketSphinx).",
)
@click.option(
    "--model", type=click.Path(path_type=Path), help="Vosk model folder (see hearth models)."
)
@click.option("--db", type=click.Path(path_type=Path), help="The log database file.")
@click.option(
    "--input-wav",
    type=click.Path(path_type=Path),
    help="Listen to this WAV file instead of the microphone.",
)
@click.option("--fast", is_flag=True, help="With --input-wav: as fast as possible, virtual clock.")
@click.option(
    "--output-wav",
    type=click.Path(path_type=Path),
    help="Write Hearth's voice into this WAV file instead of the speaker.",
)
@click.option("--voice", metavar="V", help="Voice, e.g. en-us or en-us+f2.")
@click.option("--rate", type=click.IntRange(40, 500), help="Speaking rate (words per minute).")
@click.option("-v", "--verbose", is_flag=True, help="Show dialog events on stderr.")
def run_command(
    input_device: str | None,
    output_device: str | None,
    no_wake: bool,
    engine: str | None,
    model: Path | None,
    db: Path | None,
    input_wav: Path | None,
    fast: bool,
    output_wav: Path | None,
    voice: str | None,
    rate: int | None,
    verbose: bool,
) -> None:
    """Listen and talk: say "hey hearth" and a request. Ctrl-C to quit."""
    import logging
    import signal
    import sys

    from assistant.config import load_settings
    from assistant.live import LiveLoop, RunOptions
    from assistant.lock import InstanceLock
    from assistant.memory import keep_large_blocks_mapped
    from assistant.paths import check_writable_file
    from assistant.speech.devices import check_index

    if fast and input_wav is None:
        raise HearthError("--fast needs --input-wav (a microphone cannot go faster)")
    if input_wav is not None and not input_wav.is_file():
        raise HearthError(f"{input_wav}: no such file")
    settings = load_settings().with_overrides(
        input_device=_device(input_device),
        output_device=_device(output_device),
        model_path=model,
        db_path=db,
        voice=voice,
        rate=rate,
    )
    level = logging.INFO if verbose else getattr(logging, settings.log_level.upper())
    if output_wav is not None:
        check_writable_file(output_wav, "--output-wav")
    if input_wav is None:
        check_index(settings.input_device, "input")
    if output_wav is None:
        check_index(settings.output_device, "output")
    _lock = InstanceLock(settings.db_path).acquire()  # held until the process ends
    if input_wav is not None:
        from assistant.speech.wav import wav_info

        wav_info(input_wav)  # not audio: say so now, before loading models for seconds
    logging.basicConfig(level=level, format="%(message)s")
    keep_large_blocks_mapped()  # Hearth runs for weeks: freed lines go back to the system
    options = RunOptions(
        input_wav=input_wav,
        fast=fast,
        output_wav=output_wav,
        no_wake=no_wake,
        engine=engine or settings.engine,
        verbose=verbose,
    )
    # A service manager stops with SIGTERM, a person with Ctrl-C, a closed terminal
    # with SIGHUP. Stopped while loading models: nothing runs yet, so leave at once
    # (status 0, temporary files removed).
    stop_signals = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    for signum in stop_signals:
        signal.signal(signum, lambda *_: sys.exit(0))
    try:
        loop = LiveLoop(settings, options)
    except KeyboardInterrupt:
        return
    # Each ends the run the same way: the line being said is cut, the log flushed,
    # exit status 0.
    for signum in (*stop_signals, signal.SIGINT):
        signal.signal(signum, lambda *_: loop.stop())
    result = loop.run()
    logging.shutdown()
    if result.overflows:
        click.echo(f"Note: {result.overflows} audio blocks were dropped (busy CPU).", err=True)


COMMANDS: list[click.Command] = [run_command]
