"""The `hearth` command: a thin click layer over the library.

Each feature keeps its commands in its own module here. Heavy libraries
(vosk, pocketsphinx, sounddevice, pyttsx3) are imported inside the commands
that need them, so `hearth parse` starts fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from assistant import __version__
from assistant.errors import HearthError


class HearthGroup(click.Group):
    """Turns user mistakes (HearthError) into one clear line and exit code 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except HearthError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=HearthGroup)
@click.version_option(__version__, prog_name="hearth")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (default: $HEARTH_CONFIG, else the user config folder).",
)
def main(config_file: Path | None) -> None:
    """Hearth: an offline voice companion for small, steady repair habits."""
    from assistant.config import use_config_file

    use_config_file(config_file)


def _register() -> None:
    from assistant.cli import (
        config_commands,
        dialog_commands,
        doctor_commands,
        nlu_commands,
        speech_commands,
        voice_commands,
    )

    modules = (
        nlu_commands,
        dialog_commands,
        speech_commands,
        voice_commands,
        config_commands,
        doctor_commands,
    )
    for module in modules:
        for command in module.COMMANDS:
            main.add_command(command)


_register()
