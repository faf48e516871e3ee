"""The fuzzer's oracle: runs generated programs on CPython and returns their traces.

Reads one JSON object per line on standard input, {"script": <Python source>}, runs the
script in a fresh namespace and writes one JSON line back: {"trace": [...]} or
{"error": "..."} when the script itself failed (a bug in the renderer, never a result).
Started once by generators-fuzz (Scripts/fuzz) and kept running for every program.
"""
import contextlib
import gc
import io
import json
import sys
import traceback


def main():
    if sys.version_info[:2] != (3, 11):
        print(f"fuzz_oracle.py: the reference is CPython 3.11, this is {sys.version.split()[0]}",
              file=sys.stderr)
    out = sys.stdout
    # What the programs import, loaded once; then everything alive now is moved out of the
    # collector's sight, so that the collections the programs make (one per dropped
    # generator) only look at what the program made: about 1 ms less each.
    import asyncio, inspect  # noqa: F401
    gc.collect()
    gc.freeze()
    for line in sys.stdin:
        request = json.loads(line)
        namespace = {"__name__": "fuzz_program"}
        # What asyncio prints about the generators it closes at shutdown (after the trace's
        # end) and what finalizers print once the namespace is gone is not part of a trace.
        quiet = contextlib.redirect_stderr(io.StringIO())
        quiet.__enter__()
        try:
            exec(compile(request["script"], "<program>", "exec"), namespace)
            # An async program's trace ends where its driver ended (FINAL), before
            # asyncio.run closes what was left open.
            final = namespace.get("FINAL")
            reply = {"trace": list(final if final is not None else namespace["TRACE"])}
        except BaseException:
            reply = {"error": traceback.format_exc()}
        # Finalize what the program left before the next one installs its hooks.
        gc.collect()
        sys.unraisablehook = sys.__unraisablehook__
        namespace.clear()
        gc.collect()
        quiet.__exit__(None, None, None)
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
