"""Batch runs: worker processes, deterministic order, resumable and crash-safe output.

- `run_local` streams documents through N worker processes (each loads the pipeline once)
  with a bounded window of documents in flight, so memory stays flat however many come in,
  and yields results in input order whatever N is.
- output goes through write.ResumableOutput (crash-safe, resumable JSONL);
- `run_dask` runs the same pipeline on Dask distributed, partition by partition.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .config import PipelineConfig
from .ingest import RawDocument
from .models import CATEGORIES

FATAL_STAGES = {"ingest", "normalise", "segment"}


@dataclass(frozen=True)
class Result:
    """One processed document as written: its JSON line and what the summary counts."""

    doc_id: str
    line: bytes
    chars: int
    counts: tuple[int, ...]
    errors: int
    failed: bool


@dataclass
class Summary:
    documents: int = 0
    characters: int = 0
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    errors: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, r: Result) -> None:
        self.documents += 1
        self.characters += r.chars
        for cat, n in zip(CATEGORIES, r.counts, strict=True):
            self.facts[cat] += n
        self.errors += r.errors
        self.failed += r.failed


_WORKER_PIPELINE = None


def _init_worker(config: PipelineConfig) -> None:
    global _WORKER_PIPELINE
    from .pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(config)


def process_one(raw: RawDocument, config: PipelineConfig | None = None) -> Result:
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        _init_worker(config or PipelineConfig())
    record = _WORKER_PIPELINE.process(raw)
    data = record.model_dump(mode="json")
    return Result(
        doc_id=record.doc_id,
        line=orjson.dumps(data) + b"\n",
        chars=record.char_count,
        counts=tuple(len(data[c]) for c in CATEGORIES),
        errors=len(record.errors),
        failed=any(e.stage in FATAL_STAGES for e in record.errors),
    )


def warm_up(config: PipelineConfig) -> None:
    """Load everything a worker needs (lexicons, jieba's dictionary, compiled patterns) by
    processing one short document. Done in the parent before worker processes fork, the
    workers inherit it all and start at once instead of each loading it again."""
    from .segment import not_name_words

    _init_worker(config)
    assert _WORKER_PIPELINE is not None
    not_name_words()  # read from jieba's dictionary on first use; load it now
    _WORKER_PIPELINE.process(RawDocument("warm-up", "<warm-up>", _WARM_UP_TEXT, "utf-8"))
    # what is loaded now lives for the whole run: frozen, the collector stops re-scanning it at
    # every full collection, and forked workers keep sharing its pages instead of copying them
    gc.freeze()


_WARM_UP_TEXT = "本报讯 2024年3月5日，市委书记王明在市发改委调研时说：“今年全市GDP要增长5%以上。”"


def _process_batch(raws: list[RawDocument]) -> list[Result]:
    return [process_one(raw) for raw in raws]


def run_local(docs: Iterable[RawDocument], config: PipelineConfig, jobs: int = 1, batch: int = 8) -> Iterator[Result]:
    """Results in input order; documents go to workers `batch` at a time (fewer round trips),
    with at most `4 × jobs` batches in flight so memory stays flat."""
    if jobs <= 1:
        _init_worker(config)  # no fork to share it with: the first document loads the rest
        for raw in docs:
            yield process_one(raw, config)
        return
    window: deque[Future[list[Result]]] = deque()
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        warm_up(config)  # forked workers inherit the loaded pipeline
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(config,)) as pool:
        pending: list[RawDocument] = []
        for raw in docs:
            pending.append(raw)
            if len(pending) >= batch:
                window.append(pool.submit(_process_batch, pending))
                pending = []
            if len(window) >= 4 * jobs:
                yield from window.popleft().result()
        if pending:
            window.append(pool.submit(_process_batch, pending))
        while window:
            yield from window.popleft().result()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# ---- Dask ----------------------------------------------------------------------------------


def _process_partition(raws: list[RawDocument], config: PipelineConfig) -> bytes:
    return b"".join(process_one(raw, config).line for raw in raws)


def run_dask(docs: Iterable[RawDocument], config: PipelineConfig, out_dir: str | Path,
             scheduler: str | None = None, partition_size: int = 16, workers: int = 2) -> int:
    """Process partitions on a Dask cluster and write `part-NNNNN.jsonl` files in input order.

    With `scheduler` the run joins that cluster; otherwise it starts a LocalCluster. Partitions
    in flight are bounded, so the driver's memory stays flat. Returns the number of partitions.
    """
    from dask.distributed import Client, LocalCluster, wait

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        pending: dict = {}
        index = 0
        batch: list[RawDocument] = []

        def flush_done(block: bool) -> None:
            if not pending:
                return
            done = wait(list(pending), return_when="ALL_COMPLETED" if block else "FIRST_COMPLETED").done
            for fut in done:
                k = pending.pop(fut)
                (out / f"part-{k:05d}.jsonl").write_bytes(fut.result())

        for raw in docs:
            batch.append(raw)
            if len(batch) >= partition_size:
                pending[client.submit(_process_partition, batch, config, pure=False)] = index
                index, batch = index + 1, []
                if len(pending) >= 2 * max(1, len(client.scheduler_info().get("workers", {}))):
                    flush_done(block=False)
        if batch:
            pending[client.submit(_process_partition, batch, config, pure=False)] = index
            index += 1
        flush_done(block=True)
        return index
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
