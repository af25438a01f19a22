"""What the benchmark scripts share: the machine they ran on, a plain-text table, and
MLQE-PE's detokenisation.

Imported by the ``benchmark_*.py`` scripts next to it (``python scripts/x.py``
puts this folder on ``sys.path``).
"""

from __future__ import annotations

import os
import platform
import re
from collections.abc import Sequence


def machine() -> dict[str, object]:
    """CPU count, torch threads and versions: what a reader needs to compare timings."""
    import torch

    return {
        "cpu_count": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch.__version__,
    }


def text_table(heads: Sequence[str], right: set[str], cells: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the columns named in ``right`` right-aligned."""
    widths = [max([len(h), *(len(c[i]) for c in cells)]) for i, h in enumerate(heads)]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if h in right else v.ljust(w)
            for v, w, h in zip(values, widths, heads, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(heads), *(line(c) for c in cells)])


# DEMETR's language folders -> ISO codes (benchmark_drift.py, benchmark_checks.py)
DEMETR_LANGS: dict[str, str] = {
    "chinese_simple": "zh",
    "czech": "cs",
    "french": "fr",
    "german": "de",
    "hindi": "hi",
    "italian": "it",
    "japanese": "ja",
    "polish": "pl",
    "russian": "ru",
    "spanish": "es",
}


def detokenize(text: str) -> str:
    """Undo MLQE-PE's Moses tokenisation well enough for an encoder."""
    text = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef\d])", "", text)
    text = re.sub(r"(?<=\d) (?=[\u3000-\u9fff])", "", text)
    text = re.sub(r" ([,.!?:;)\]%])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r" (n?'[a-z]+)\b", r"\1", text)
