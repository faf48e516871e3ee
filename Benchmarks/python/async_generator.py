"""cpython_async_generator: ns per value of `async for x in agen` (baseline of async.buffered).

The twin of sumOfBufferedAsyncGenerator in
GeneratorBenchmarks/AsyncWorkloads.swift: an async generator (PEP 525)
yields range(n); a coroutine sums the values with `async for`, run to
completion under asyncio. The body never awaits anything that suspends, so
each value costs one `__anext__` and one resume of the generator's frame;
the event loop is entered once per repetition (one loop for all of them),
which is amortized over the n values.
"""
import asyncio

from _bench import main, triangular


async def numbers(n):
    for i in range(n):
        yield i


async def sum_of_async_generator(n):
    s = 0
    async for x in numbers(n):
        s += x
    return s


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        main([
            ("cpython_async_generator",
             lambda n: loop.run_until_complete(sum_of_async_generator(n)),
             triangular),
        ])
    finally:
        loop.close()
