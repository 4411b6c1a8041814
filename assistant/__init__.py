"""Hearth: an offline voice companion for a couple's small repair habits."""

__version__ = "0.1.0"
