"""Errors that name the file (and line) they are about, so a user can act on them."""

from __future__ import annotations

import click


class FazhiError(click.ClickException):
    """Base error: `file` and `line` locate the problem; `hint` says what to do."""

    def __init__(self, file: str, message: str, *, line: int | None = None, hint: str = ""):
        self.file = file
        self.line = line
        self.hint = hint
        self.detail = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))


class ReadError(FazhiError):
    """The source file cannot be read or decoded as a report."""


class OverrideError(FazhiError):
    """An editor override (`<stem>.meta.yml`) is invalid."""


class BuildError(FazhiError):
    """The site as a whole could not be built."""
