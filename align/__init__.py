"""driftalign: align a text with its (re)translation and score where meaning drifted."""

from __future__ import annotations

__version__ = "0.1.0"
