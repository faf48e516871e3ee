"""cpython_generator: ns per value of `for x in gen: s += x` (baseline of sync.next).

The twin of sumOfGenerator in GeneratorBenchmarks/Workloads.swift: one
generator yields range(n); a for loop sums the values. Resuming the frame
and handing over one value is the cost per value.
"""
from _bench import main, triangular


def numbers(n):
    for i in range(n):
        yield i


def sum_of_generator(n):
    s = 0
    for x in numbers(n):
        s += x
    return s


if __name__ == "__main__":
    main([("cpython_generator", sum_of_generator, triangular)])
