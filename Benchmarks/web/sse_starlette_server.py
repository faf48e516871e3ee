"""The Python peer of the web benchmarks: FastAPI + sse-starlette under uvicorn, one worker.
The same routes as Sources/GeneratorsWebBenchServer:

  /sse    Server-Sent Events of 100 bytes each, as fast as the client reads (one
          turn of the event loop per event, as the Swift server's Task.yield())
  /idle   one event, then nothing (the generator waits in an await)
  /stats  {"open": N, "closed": N, "last_close_ns": CLOCK_MONOTONIC}

  python3 sse_starlette_server.py PORT
"""
import asyncio
import sys
import time

import uvicorn
from fastapi import FastAPI
from sse_starlette.sse import EventSourceResponse

app = FastAPI()
stats = {"open": 0, "closed": 0, "last_close_ns": 0}
# sse-starlette separates lines with CRLF: "data: " + 90 bytes + "\r\n\r\n" is 100 bytes.
PAYLOAD = "x" * 90


@app.get("/sse")
async def sse():
    async def events():
        while True:
            yield {"data": PAYLOAD}
            # A turn of the event loop per event, as a generator that awaits its source gets:
            # without it the generator never lets the loop see a disconnect or a new client.
            await asyncio.sleep(0)

    return EventSourceResponse(events(), ping=3600)


@app.get("/idle")
async def idle():
    async def events():
        stats["open"] += 1
        try:
            yield {"data": "hello"}
            await asyncio.sleep(3600)
        finally:
            stats["open"] -= 1
            stats["closed"] += 1
            stats["last_close_ns"] = time.monotonic_ns()

    return EventSourceResponse(events())


@app.get("/stats")
async def get_stats():
    return stats


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), workers=1, log_level="warning",
                backlog=4096, timeout_keep_alive=3600)
