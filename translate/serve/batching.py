"""Requests that arrive together are translated together.

The engine translates a batch of 32 sentences in little more time than one; requests that
come one sentence at a time (a browser extension, a CAT tool) would leave it mostly idle.
:class:`BatchingQueue` sits in front of the pipeline: the first request waits ``wait``
seconds for company (nothing when the server is busy: whatever queued while the pipeline
was working goes in the next call), then all waiting requests of one direction and format go
to the pipeline in one call, on the one thread that runs it. Each request gets its own
results back, or its own error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

Key = tuple[str, str, str]  # source, target, format
Work = Callable[[str, str, str, Sequence[Sequence[str]]], list]


@dataclass
class _Request:
    key: Key
    texts: list[str]
    future: asyncio.Future


@dataclass
class QueueStats:
    requests: int = 0
    calls: int = 0  # pipeline calls: fewer than requests when requests were batched
    largest: int = 0  # the most requests in one call


class BatchingQueue:
    def __init__(self, work: Work, *, wait: float = 0.02, max_texts: int = 256):
        self.work = work
        self.wait = wait
        self.max_texts = max_texts
        self.stats = QueueStats()
        self._queue: asyncio.Queue[_Request] | None = None
        self._worker: asyncio.Task | None = None
        # One thread runs the pipeline: one model, used by one call at a time.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="translate-pipeline")

    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._worker = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            try:
                await self._worker
            except asyncio.CancelledError:
                pass
        self._executor.shutdown(wait=True)

    async def translate(self, source: str, target: str, fmt: str, texts: list[str]) -> list[str]:
        """``texts`` translated, in a pipeline call shared with the requests that came at the same time."""
        if self._queue is None:
            raise RuntimeError("the batching queue is not started")
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Request((source, target, fmt), texts, future))
        return await future

    async def _run(self) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self._queue.get()]
            count = len(batch[0].texts)
            deadline = loop.time() + self.wait
            while count < self.max_texts:
                try:
                    if self._queue.empty():
                        remaining = deadline - loop.time()
                        if remaining <= 0:
                            break
                        item = await asyncio.wait_for(self._queue.get(), remaining)
                    else:
                        item = self._queue.get_nowait()
                except TimeoutError:
                    break
                batch.append(item)
                count += len(item.texts)
            groups: dict[Key, list[_Request]] = {}
            for request in batch:
                groups.setdefault(request.key, []).append(request)
            for key, requests in groups.items():
                await self._call(loop, key, requests)

    async def _call(self, loop: asyncio.AbstractEventLoop, key: Key, requests: list[_Request]) -> None:
        self.stats.requests += len(requests)
        self.stats.calls += 1
        self.stats.largest = max(self.stats.largest, len(requests))
        try:
            results = await loop.run_in_executor(self._executor, self.work, *key, [r.texts for r in requests])
        except Exception as error:  # noqa: BLE001 — the whole call failed (the engine): each request gets the error
            results = [error] * len(requests)
        for request, result in zip(requests, results):
            if request.future.done():  # the client went away
                continue
            if isinstance(result, Exception):
                request.future.set_exception(result)
            else:
                request.future.set_result(result)
