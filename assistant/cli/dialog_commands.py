"""Placeholder: commands are added by the feature that owns this module."""

import click

COMMANDS: list[click.Command] = []
