"""cpython_itertools: ns per source value of an itertools pipeline (baseline of algo.sync_pipeline).

The twin of sumOfAlgorithmPipeline in
GeneratorBenchmarks/AlgorithmWorkloads.swift: a generator yields range(n);
the values are batched by 4 (itertools.batched, or its documented recipe
before Python 3.12), each batch is mapped to its sum, the sums go through
sliding windows of 3 (the itertools recipe: a deque with maxlen 3, each
window a tuple), itertools.groupby groups consecutive windows by their
first sum // 1000, each group's length is counted, and the groups with an
even key become key + count, which the consumer sums. Every stage is lazy,
as in Swift. The checksum is computed with plain loops over lists.
"""
import collections
import functools
import itertools
from itertools import islice

from _bench import main

BATCH = 4
WINDOW = 3
GROUP_WIDTH = 1000

if hasattr(itertools, "batched"):
    batched = itertools.batched
else:
    def batched(iterable, n):
        """The itertools documentation's recipe (Python < 3.12)."""
        it = iter(iterable)
        while batch := tuple(islice(it, n)):
            yield batch


def sliding_window(iterable, n):
    """The itertools documentation's recipe: overlapping windows as tuples."""
    it = iter(iterable)
    window = collections.deque(islice(it, n - 1), maxlen=n)
    for x in it:
        window.append(x)
        yield tuple(window)


def numbers(n):
    for i in range(n):
        yield i


def group_key(window):
    return window[0] // GROUP_WIDTH


def sum_of_pipeline(n):
    sums = map(sum, batched(numbers(n), BATCH))
    windows = sliding_window(sums, WINDOW)
    counted = ((key, sum(1 for _ in group)) for key, group in itertools.groupby(windows, group_key))
    s = 0
    for x in (key + count for key, count in counted if key % 2 == 0):
        s += x
    return s


@functools.lru_cache(maxsize=None)
def expected_pipeline(n):
    """The same checksum with plain loops over lists, none of the stages
    (cached: the timed repetitions all run the same n)."""
    sums = []
    for start in range(0, n, BATCH):
        total = 0
        for i in range(start, min(start + BATCH, n)):
            total += i
        sums.append(total)
    keys = [sums[first] // GROUP_WIDTH for first in range(len(sums) - WINDOW + 1)]
    total = 0
    run_start = 0
    while run_start < len(keys):
        run_end = run_start + 1
        while run_end < len(keys) and keys[run_end] == keys[run_start]:
            run_end += 1
        if keys[run_start] % 2 == 0:
            total += keys[run_start] + (run_end - run_start)
        run_start = run_end
    return total


if __name__ == "__main__":
    main([("cpython_itertools", sum_of_pipeline, expected_pipeline)])
