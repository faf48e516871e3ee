"""cpython_aiostream: ns per value of aiostream's ordered concurrent map (baseline of algo.concurrent_map).

The twin of sumOfConcurrentMap in
GeneratorBenchmarks/AlgorithmWorkloads.swift: an async generator yields
range(n); `aiostream.stream.map(source, f, task_limit=8)` (ordered, the
default) runs up to 8 calls of `f` at once, where `f` awaits
`asyncio.sleep(10e-6)` and returns its argument; the consumer sums the
results with `async with ys.stream() as s: async for y in s`, under asyncio
(one event loop, entered once per repetition).

Not stdlib: needs aiostream (0.6 or later: `task_limit` and
`stream()`), which Benchmarks/run installs into its scratch folder and puts
on PYTHONPATH for this script only. asyncio's event loop waits on epoll,
whose timeout is whole milliseconds, so a lone 10 µs sleep takes about
1.1 ms; here the loop is rarely idle (aiostream's own work keeps it busy),
so the sleeps take some tens of µs and aiostream's own work per value (some
60-100 µs of CPU, with or without the sleep) is most of the figure; it is
also why no more than 2 of the 8 allowed calls are ever in flight at once.
The figure per value is the same at 1,000 values as at 100,000, so n is
calibrated like the other baselines (100,000 would take 6-9 s a repetition).
"""
import asyncio

from aiostream import stream

from _bench import main, triangular

TASK_LIMIT = 8


async def numbers(n):
    for i in range(n):
        yield i


async def work(x):
    await asyncio.sleep(10e-6)
    return x


async def sum_of_concurrent_map(n):
    ys = stream.map(numbers(n), work, task_limit=TASK_LIMIT)
    s = 0
    async with ys.stream() as streamer:
        async for y in streamer:
            s += y
    return s


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        main([
            ("cpython_aiostream",
             lambda n: loop.run_until_complete(sum_of_concurrent_map(n)),
             triangular),
        ])
    finally:
        loop.close()
