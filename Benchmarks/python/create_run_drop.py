"""cpython_create_run_drop: ns per generator created, run to its one yield, dropped.

The twin of createRunDrop in GeneratorBenchmarks/Workloads.swift: create a
generator with one value, take the value with next(), and drop it while it
is suspended (rebinding `g` finalizes the previous generator: CPython closes
it, throwing GeneratorExit at its yield).
"""
from _bench import main, triangular


def one(i):
    yield i


def create_run_drop(n):
    s = 0
    g = None
    for i in range(n):
        g = one(i)
        s += next(g)
    return s


if __name__ == "__main__":
    main([("cpython_create_run_drop", create_run_drop, triangular)])
