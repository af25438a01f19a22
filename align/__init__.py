"""driftalign: align a text with its (re)translation and score where meaning drifted.

The library is :class:`Aligner` (see :mod:`align.api`)::

    from align import Aligner
    aligner = Aligner("e5")
    result = aligner.align(ru_text, en_text, "ru", "en")

Names are imported lazily so that ``import align`` (and ``align --help``)
does not load torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Aligner": "align.api",
    "Progress": "align.api",
    "Ranking": "align.api",
    "Chain": "align.api",
    "DriftScorer": "align.drift",
    "AlignConfig": "align.aligner",
    "Alignment": "align.types",
    "Document": "align.types",
    "ScoredBead": "align.types",
    "Reason": "align.types",
    "Signature": "align.types",
    "AlignError": "align.errors",
    "InputError": "align.errors",
    "ModelError": "align.errors",
}

__all__ = [
    "AlignConfig",
    "AlignError",
    "Aligner",
    "Alignment",
    "Chain",
    "Document",
    "DriftScorer",
    "InputError",
    "ModelError",
    "Progress",
    "Ranking",
    "Reason",
    "ScoredBead",
    "Signature",
    "__version__",
]

if TYPE_CHECKING:
    from .aligner import AlignConfig
    from .api import Aligner, Chain, Progress, Ranking
    from .drift import DriftScorer
    from .errors import AlignError, InputError, ModelError
    from .types import Alignment, Document, Reason, ScoredBead, Signature


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'align' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
