"""The driver of Scripts/spark-logs: `gen logs` as a stage of Apache Spark.

Reads a log with `sc.textFile`, pipes every partition through
`gen logs --partial` (Hadoop Streaming's contract: lines on standard input,
one partial summary on standard output), collects the partials in partition
order and writes them, one per line, for `gen merge`. With --baseline it also
runs the same analysis as a Python generator over each partition
(`rdd.mapPartitions`, the PySpark idiom), merging the per-partition counters.

    usage: spark_logs.py GEN LOG PARTIALS_OUT [--partitions P] [--baseline] [--python-pipe]

It prints `key<TAB>value` lines: partitions, spark_ns (the piped job and the
collect, after untimed warm-ups), baseline_ns, baseline_lines and
baseline_requests with --baseline. The pipe is Spark's own `RDD.pipe` (the
JVM side of the RDD); --python-pipe uses PySpark's, which passes every line
through a Python worker first.
"""
import argparse
import collections
import os
import shlex
import sys
import time

from pyspark import SparkConf, SparkContext


def python_partition(lines):
    """The baseline's stage: one partition's lines in, one partial (counters) out."""
    import log_pipeline  # shipped with sc.addPyFile

    numbered = (("-", number, line.encode("utf-8", "surrogateescape"))
                for number, line in enumerate(lines, 1))
    totals = collections.Counter()
    statuses, paths, hosts, referrers, hours = (collections.Counter() for _ in range(5))
    for _, _, line in numbered:
        totals["lines"] += 1
        record = log_pipeline.parse(line)
        if record is None:
            totals["malformed"] += 1
            continue
        totals["requests"] += 1
        totals["bytes"] += record["bytes"]
        statuses[record["status"]] += 1
        paths[record["path"]] += 1
        hosts[record["host"]] += 1
        if record["referrer"] is not None and record["referrer"] != b"-":
            referrers[record["referrer"]] += 1
        hours[log_pipeline.hour(record["time"])] += 1
    yield (totals, statuses, paths, hosts, referrers, hours)


def merge_partials(a, b):
    for x, y in zip(a, b):
        x.update(y)
    return a


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("gen")
    parser.add_argument("log")
    parser.add_argument("partials_out")
    parser.add_argument("--partitions", type=int, default=0)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--python-pipe", action="store_true")
    args = parser.parse_args()

    conf = (SparkConf().setMaster("local[2]").setAppName("gen-logs")
            .set("spark.ui.enabled", "false").set("spark.driver.memory", "2g"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    here = os.path.dirname(os.path.abspath(__file__))
    sc.addPyFile(os.path.join(here, "..", "Benchmarks", "python", "log_pipeline.py"))
    log = os.path.abspath(args.log)
    rdd = sc.textFile(log, args.partitions) if args.partitions else sc.textFile(log)
    partitions = rdd.getNumPartitions()

    # Every partition through gen, as `rdd.pipe` runs a Hadoop Streaming mapper: malformed
    # lines are reported under the log's name, so that the merge reads as the whole file.
    command = " ".join(shlex.quote(part) for part in
                       [args.gen, "logs", "--partial", "--no-progress", "--name", log, "-"])
    # Warm-ups, untimed: the JVM's reader (and the page cache), and the Python workers.
    rdd.count()
    if args.baseline or args.python_pipe:
        rdd.mapPartitions(lambda lines: [sum(1 for _ in lines)]).collect()

    started = time.monotonic_ns()
    if args.python_pipe:
        partials = rdd.pipe(command, checkCode=True).collect()
    else:
        # Spark's own RDD.pipe (Scala), on the JVM side of the same RDD: the lines go from
        # the reader to gen without passing through a Python worker.
        partials = list(rdd._jrdd.pipe(command).collect())
    spark_ns = time.monotonic_ns() - started
    with open(args.partials_out, "w") as out:
        for partial in partials:
            out.write(partial + "\n")
    print(f"partitions\t{partitions}")
    print(f"spark_ns\t{spark_ns}")

    if args.baseline:
        started = time.monotonic_ns()
        merged = rdd.mapPartitions(python_partition).reduce(merge_partials)
        baseline_ns = time.monotonic_ns() - started
        print(f"baseline_ns\t{baseline_ns}")
        print(f"baseline_lines\t{merged[0]['lines']}")
        print(f"baseline_requests\t{merged[0]['requests']}")
    sc.stop()


if __name__ == "__main__":
    sys.exit(main())
