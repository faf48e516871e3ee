"""cpython_send: ns per value of driving a generator with send() (baseline of sync.send).

The twin of sendRunningTotal in GeneratorBenchmarks/Workloads.swift: the
generator adds every sent value to a running total and yields the total;
the driver sends 0, 1, ..., n-1 and keeps the last total. The bound method
is looked up once, as tuned Python code would.
"""
from _bench import main, triangular


def running_total():
    total = 0
    while True:
        value = yield total
        total += value


def send_running_total(n):
    g = running_total()
    next(g)  # start it: runs to the first yield
    send = g.send
    last = 0
    for i in range(n):
        last = send(i)
    return last


if __name__ == "__main__":
    main([("cpython_send", send_running_total, triangular)])
