"""``align batch --ray``: the same batch, aligned by workers of a Ray cluster.

Each worker is a Ray actor holding its own :class:`align.Aligner` (the model
is loaded once per worker). Workers only compute: they return each pair's
:class:`align.types.Alignment`, and the process that started the batch
writes every file (:func:`align.batch.run_batch`), so the outputs are the
same as a local batch and the cluster needs no shared file system for them
(only the input files must be readable by the workers).

A worker that dies is restarted and its pair retried (Ray's actor restarts
and task retries), so every pair is done exactly once.

Ray is optional: ``pip install 'driftalign[ray]'``. Without an address a
local cluster is started for the run; with one (``--ray 10.0.0.5:6379`` or
``--ray auto`` inside a cluster) the batch joins it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import AlignError

if TYPE_CHECKING:
    from .aligner import AlignConfig
    from .batch import Pair, Work
    from .types import Alignment

logger = logging.getLogger(__name__)

MAX_RETRIES = 3  # restarts of a dead worker, and retries of the pair it held


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise AlignError(
            "--ray needs Ray: pip install 'driftalign[ray]' (or pip install ray)"
        ) from None
    return ray


class _Worker:
    """One Aligner in a Ray actor; ``align`` never raises for a bad pair."""

    def __init__(
        self,
        model: str,
        device: str | None,
        config: AlignConfig,
        batch_size: int,
        cache: bool,
        presplit: bool,
        backend: str = "auto",
        omissions: str = "balanced",
    ) -> None:
        from .api import Aligner

        self.aligner = Aligner(
            model,
            device,
            config,
            omissions=omissions,
            batch_size=batch_size,
            cache=cache,
            backend=backend,
        )
        self.presplit = presplit

    def signature(self) -> dict[str, Any]:
        return dict(self.aligner.signature(presplit=self.presplit))

    def pid(self) -> int:
        import os

        return os.getpid()

    def align(self, pair: Pair) -> tuple[Pair, Alignment | None, str | None, float]:
        import time

        from .batch import align_pair

        started = time.perf_counter()
        try:
            result = align_pair(self.aligner, pair, self.presplit)
        except AlignError as exc:
            return pair, None, str(exc), time.perf_counter() - started
        return pair, result, None, time.perf_counter() - started


class RayPool:
    """Workers on a Ray cluster; :meth:`work` is a :data:`align.batch.Work`."""

    def __init__(
        self,
        address: str | None,
        model: str,
        device: str | None,
        config: AlignConfig,
        batch_size: int = 64,
        cache: bool = True,
        presplit: bool = False,
        workers: int | None = None,
        cpus_per_worker: float = 1.0,
        backend: str = "auto",
        omissions: str = "balanced",
    ) -> None:
        ray = _ray()
        if not ray.is_initialized():
            ray.init(address=address or None, log_to_driver=False, logging_level=logging.WARNING)
        total = float(ray.cluster_resources().get("CPU", 1.0))
        n = workers or max(1, int(total // cpus_per_worker))
        remote = ray.remote(
            num_cpus=cpus_per_worker, max_restarts=MAX_RETRIES, max_task_retries=MAX_RETRIES
        )(_Worker)
        self.actors = [
            remote.remote(model, device, config, batch_size, cache, presplit, backend, omissions)
            for _ in range(n)
        ]
        logger.info("ray: %d worker(s) on %s CPU(s)", n, total)

    def signature(self) -> dict[str, Any]:
        """The signature the workers' results carry (checked for resuming)."""
        ray = _ray()
        return dict(ray.get(self.actors[0].signature.remote()))

    def pids(self) -> list[int]:
        ray = _ray()
        return list(ray.get([a.pid.remote() for a in self.actors]))

    def work(
        self, pairs: Sequence[Pair]
    ) -> Iterator[tuple[Pair, Alignment | None, str | None, float]]:
        """Results in the order they finish; each pair exactly once."""
        from ray.util import ActorPool

        pool = ActorPool(self.actors)
        yield from pool.map_unordered(lambda actor, pair: actor.align.remote(pair), list(pairs))

    def close(self) -> None:
        ray = _ray()
        for a in self.actors:
            ray.kill(a)
        self.actors = []


def ray_work(pool: RayPool) -> Work:
    return pool.work
