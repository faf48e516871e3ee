"""Shared timing for the CPython baselines (stdlib only).

Each baseline runs a workload `fn(n)` that performs `n` operations and
returns a checksum, which is checked against `expected(n)`. Like the Swift
harness, it calibrates `n` so one repetition takes about the target time,
warms up once at full size, then keeps the best (minimum) of several timed
repetitions, in nanoseconds per operation, measured with
time.perf_counter_ns. The garbage collector is off while timing, as timeit
does; reference counting still frees every generator at once.

Output: one `name<TAB>ns_per_op` line per baseline on standard output.
"""
import argparse
import gc
import sys
import time


def _timed(name, fn, n, expected):
    """Runs fn(n) once; returns the elapsed nanoseconds after checking it."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter_ns()
        result = fn(n)
        elapsed = time.perf_counter_ns() - start
    finally:
        if gc_was_enabled:
            gc.enable()
    want = expected(n)
    if result != want:
        sys.exit(f"{name}: n = {n} computed {result}, expected {want}")
    return elapsed


def best_ns_per_op(name, fn, expected, reps, target_ns):
    """The best nanoseconds per operation over `reps` repetitions."""
    n = 1000
    while True:
        elapsed = max(_timed(name, fn, n, expected), 1)
        if elapsed >= target_ns // 10:
            break
        n *= 4
    n = max(1, int(n * target_ns / elapsed))
    _timed(name, fn, n, expected)  # warm-up at full size
    return min(_timed(name, fn, n, expected) for _ in range(reps)) / n


def triangular(n):
    """0 + 1 + ... + (n - 1): the checksum of workloads that produce range(n)."""
    return n * (n - 1) // 2


def main(benchmarks):
    """Times each (name, fn, expected) and prints `name<TAB>ns_per_op`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions (best is kept)")
    parser.add_argument("--target-ms", type=int, default=100, help="duration of one repetition")
    parser.add_argument(
        "--once",
        type=int,
        metavar="N",
        help="run each workload once at N, untimed and unchecked, and print its result "
        "(for instruction counts under callgrind: the timed runs check the result)",
    )
    args = parser.parse_args()
    if args.once is not None:
        for name, fn, _ in benchmarks:
            gc.disable()
            print(f"{name}\t{fn(args.once)}", flush=True)
        return
    for name, fn, expected in benchmarks:
        ns = best_ns_per_op(name, fn, expected, args.reps, args.target_ms * 1_000_000)
        print(f"{name}\t{ns}", flush=True)
