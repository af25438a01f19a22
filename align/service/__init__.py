"""The review service: submit a text pair, let the aligner run, review and fix beads in a browser.

``store`` persists jobs, beads and the edit log (SQLite by default, any
SQLAlchemy URL); ``jobs`` runs alignments in the background; ``review`` holds
the pure edit operations; ``app`` is the FastAPI application implementing
``API.md``. FastAPI is imported only by ``app``, so importing this package
stays cheap for the CLI.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str) -> object:
    # Lazy: `align serve --help` should not pay for importing FastAPI.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
