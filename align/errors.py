"""Errors a user can act on. The CLI prints them without a traceback."""

from __future__ import annotations


class AlignError(Exception):
    """Base class: a problem with the user's input or set-up, not a bug."""

    exit_code = 1


class InputError(AlignError):
    """A problem with an input file; the message names the file."""

    exit_code = 2

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ModelError(AlignError):
    """A model is missing or cannot be loaded; the message says how to fix it."""

    exit_code = 3
