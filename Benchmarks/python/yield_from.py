"""cpython_yield_from_depth10: ns per value through 10 nested `yield from`.

The twin of sumOfChain in GeneratorBenchmarks/Workloads.swift: chain(0, n)
yields range(n), chain(d, n) does `yield from chain(d - 1, n)`; the consumer
sums the values of chain(10, n) (11 generators). In CPython every value
passes through every level, so the cost grows with the depth.
"""
from _bench import main, triangular

DEPTH = 10


def chain(depth, n):
    if depth == 0:
        for i in range(n):
            yield i
    else:
        yield from chain(depth - 1, n)


def sum_of_chain(n):
    s = 0
    for x in chain(DEPTH, n):
        s += x
    return s


if __name__ == "__main__":
    main([(f"cpython_yield_from_depth{DEPTH}", sum_of_chain, triangular)])
