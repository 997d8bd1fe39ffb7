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


class UnsupportedFormatError(ReadError):
    """The file is a format fazhi cannot read yet (an image, a PDF, a Word file …)."""

    def __init__(self, file: str, message: str, *, hint: str = "", format: str = ""):
        super().__init__(file, message, hint=hint)
        self.format = format


class UnsafeInputError(ReadError):
    """The file is refused for safety: a link out of the content folder, or too large to be a report."""
