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


COMMANDS: list[click.Command] = [transcribe, models]
