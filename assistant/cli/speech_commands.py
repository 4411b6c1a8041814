"""`hearth transcribe` and `hearth models ...`: thin wrappers over assistant.speech."""

from __future__ import annotations

import json
from pathlib import Path

import click

ENGINES = click.Choice(["auto", "vosk", "sphinx"])


@click.command()
@click.argument("wav", type=click.Path(path_type=Path))
@click.option("--engine", type=ENGINES, default="auto", show_default=True, help="Speech engine.")
@click.option("--model", type=click.Path(path_type=Path), help="Vosk model folder.")
@click.option(
    "--mode",
    type=click.Choice(["command", "open"]),
    default="command",
    show_default=True,
    help="command: only Hearth's commands; open: free dictation.",
)
def transcribe(wav: Path, engine: str, model: Path | None, mode: str) -> None:
    """Transcribe a WAV file and print JSON (text, words with times, engine)."""
    from assistant.config import load_settings
    from assistant.speech.transcribe import transcribe_file

    result = transcribe_file(wav, engine=engine, model=model, mode=mode, settings=load_settings())
    click.echo(json.dumps(result, ensure_ascii=False))


@click.group()
def models() -> None:
    """List, install and verify Vosk speech models."""


@models.command("list")
def models_list() -> None:
    """Show installed and known downloadable models."""
    from assistant.config import load_settings
    from assistant.speech.models import (
        folder_size,
        installed_models,
        load_catalog,
        understands_commands,
    )
    from assistant.speech.recognizer import describe_engine

    settings = load_settings()
    installed = installed_models(settings)
    click.echo("Installed:")
    for found in installed:
        size = folder_size(found.path) / 1e6
        unused = "" if understands_commands(found.path) else "  (not English: not used)"
        click.echo(f"  {found.path.name:36} {size:7.0f} MB  {found.path}{unused}")
    if not installed:
        click.echo("  (none)")
    click.echo("Known (hearth models install NAME):")
    names = {f.path.name for f in installed}
    for entry in load_catalog().models:
        mark = "installed" if entry.name in names else ""
        click.echo(f"  {entry.name:36} {entry.language:6} {entry.size_mb:5.0f} MB  {mark}")
    click.echo(describe_engine(settings))


@models.command("install")
@click.argument("name")
@click.option("--url", help="Download base URL (default: the official Vosk model site).")
def models_install(name: str, url: str | None) -> None:
    """Download, check (sha256) and unpack a model from the catalog."""
    from assistant.config import load_settings
    from assistant.speech.models import install, understands_commands
    from assistant.speech.recognizer import RECOMMENDED_MODEL

    settings = load_settings()
    bar = None

    def progress(done: int, total: int | None) -> None:
        nonlocal bar
        if total is None:  # no Content-Length: nothing to measure against
            return
        if bar is None:
            bar = click.progressbar(length=total, label=f"Downloading {name}")
            bar.__enter__()
            bar.update(done)
        else:
            bar.update(done - bar.pos)

    try:
        result = install(name, settings, base=url, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if not understands_commands(result.path):
        click.echo(
            f"Note: {name} does not know Hearth's English command words, so Hearth will not "
            f"use it unless given with --model; for English: hearth models install "
            f"{RECOMMENDED_MODEL}",
            err=True,
        )
    if result.already:
        click.echo(f"{name} is already installed in {result.path}")
        return
    if result.verified:
        click.echo(f"Installed {name} in {result.path} (sha256 verified)")
    else:
        click.echo(
            f"Installed {name} in {result.path}; the catalog has no checksum for it, "
            f"so it could not be verified. Its sha256 is {result.sha256}"
        )


@models.command("verify")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def models_verify(path: Path | None) -> None:
    """Check that a folder (default: the model Hearth would use) is a Vosk model."""
    from assistant.config import load_settings
    from assistant.errors import ModelError
    from assistant.speech.models import find_model, verify_model

    if path is None:
        found = find_model(load_settings())
        if found is None:
            raise ModelError("no Vosk model found (hearth models install NAME, or --model PATH)")
        path = found.path
    click.echo(f"ok: {verify_model(path)} is a Vosk model")


@click.command()
@click.option(
    "--from-wav",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Read the sentences from FOLDER/01.wav, 02.wav, ... instead of the microphone.",
)
@click.option("--list", "list_only", is_flag=True, help="Print the sentences and stop.")
@click.option(
    "--sentences",
    "count",
    type=click.IntRange(min=4),
    help="Read only the first N sentences (default: all; fewer adapt less).",
)
@click.option("--forget", is_flag=True, help="Remove every enrollment and the adaptation.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The household's log; the adaptation is kept beside it.",
)
def enroll(
    folder: Path | None, list_only: bool, count: int | None, forget: bool, db: Path | None
) -> None:
    """Adapt the built-in recognizer to one person's voice: read about 30 short sentences.

    Each partner runs it once. Only numbers about how the voices sound are kept, never
    the recordings. Needs SphinxTrain (apt install sphinxtrain sphinxbase-utils
    pocketsphinx).
    """
    from assistant.config import load_settings
    from assistant.speech.adaptation import adaptation_for, find_tools, load_prompts
    from assistant.speech.enrollment import enrollment_sentences
    from assistant.speech.recognizer import choose_engine

    settings = load_settings().with_overrides(db_path=db)
    household = adaptation_for(settings)
    if forget:
        removed = household.forget()
        click.echo("Voice adaptation removed." if removed else "There was no voice adaptation.")
        return
    sentences = enrollment_sentences(load_prompts(), settings.wake_phrase)[:count]
    if list_only:
        for number, sentence in enumerate(sentences, 1):
            click.echo(f"{number:02d}  {sentence}")
        return
    # Before anyone reads thirty sentences for nothing: the tools, the engine settings.
    tools = find_tools()
    other_engine = choose_engine(settings, settings.engine).engine != "sphinx"
    if folder is not None:
        from assistant.speech.enrollment import utterances_from_wavs

        utterances = utterances_from_wavs(folder, sentences)
    else:
        utterances = _enroll_from_microphone(settings, sentences)
    used = household.enroll(utterances, tools)
    people = len(household.sessions())
    if other_engine:
        click.echo("Note: Vosk is in use here; the adaptation serves the built-in recognizer.")
    click.echo(
        f"Thank you. {used} of {len(sentences)} sentences used; Hearth is now adapted to "
        f"{people} enrollment{'s' if people != 1 else ''} ({household.folder})."
    )


def _enroll_from_microphone(settings, sentences: list[str]) -> list[tuple[bytes, str]]:  # type: ignore[no-untyped-def]
    from assistant.speech.audio_in import MicrophoneSource
    from assistant.speech.enrollment import capture_utterance, plausible

    click.echo(
        f"Read each sentence aloud when it appears, in your usual voice, from where you "
        f"usually talk to Hearth ({len(sentences)} sentences). Ctrl-C stops; nothing is "
        "kept until the end."
    )
    source = MicrophoneSource(settings.input_device)
    source.open()
    utterances = []
    try:
        for number, sentence in enumerate(sentences, 1):
            for attempt in range(3):
                click.echo(f'{number:2d}/{len(sentences)}  "{sentence}"')
                pcm = capture_utterance(source)
                if pcm is not None and plausible(pcm, sentence):
                    utterances.append((pcm, sentence))
                    break
                click.echo(
                    "    I didn't quite catch that." + (" Once more:" if attempt < 2 else "")
                )
    except KeyboardInterrupt:
        raise click.ClickException("enrollment stopped; nothing was changed") from None
    finally:
        source.close()
    return utterances


COMMANDS: list[click.Command] = [transcribe, models, enroll]
