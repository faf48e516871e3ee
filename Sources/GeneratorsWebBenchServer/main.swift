// The server of the web benchmarks (Benchmarks/run --only web), the same routes as
// Benchmarks/web/sse_starlette_server.py:
//
//   /sse    Server-Sent Events of 100 bytes each, as fast as the client reads (the
//           generator runs ahead into a buffer of 256)
//   /idle   one event, then nothing (the generator waits in an `await`)
//   /stats  {"open": N, "closed": N, "last_close_ns": CLOCK_MONOTONIC}
//
//   generators-web-bench-server [--port N]   (prints "listening on PORT")
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if Hummingbird
    import GeneratorsHummingbird
    import Hummingbird
    import Logging

    /// Idle streams opened and closed, and when the last one closed.
    let idleStreams = Locked((open: 0, closed: 0, lastCloseNanoseconds: UInt64(0)))

    func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    let port =
        CommandLine.arguments.firstIndex(of: "--port")
        .flatMap { $0 + 1 < CommandLine.arguments.count ? Int(CommandLine.arguments[$0 + 1]) : nil } ?? 8081

    // "data: " + 92 bytes + "\n\n": 100 bytes on the wire.
    let payload = String(repeating: "x", count: 92)
    let router = Router()
    router.get("/sse") { _, _ in
        EventSourceResponse(heartbeat: nil) { _ in
            // A fast producer runs ahead into a bounded buffer (the guide's advice): it keeps
            // making events while earlier ones are written, and still waits for the client.
            AsyncGenerator<ServerSentEvent>(runAhead: 256) { g in
                while true { try await g.yield(ServerSentEvent(data: payload)) }
            }
        }
    }
    router.get("/idle") { _, _ in
        EventSourceResponse { _ in
            AsyncGenerator<ServerSentEvent> { g in
                idleStreams.withLock { $0.open += 1 }
                defer {
                    let now = monotonicNanoseconds()
                    idleStreams.withLock {
                        $0.open -= 1
                        $0.closed += 1
                        $0.lastCloseNanoseconds = now
                    }
                }
                try await g.yield(ServerSentEvent(data: "hello"))
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }
    // Hummingbird alone: a body closure that writes one event and waits, for the memory of a
    // bare streaming response.
    router.get("/bare-idle") { _, _ in
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "data: hello\n\n"))
                try await Task.sleep(for: .seconds(3600))
            }
        )
    }
    router.get("/stats") { _, _ in
        let stats = idleStreams.withLock { $0 }
        return #"{"open": \#(stats.open), "closed": \#(stats.closed), "last_close_ns": \#(stats.lastCloseNanoseconds)}"#
    }

    var logger = Logger(label: "bench")
    logger.logLevel = .warning
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil, backlog: 4096),
        onServerRunning: { channel in
            let line = "listening on \(channel.localAddress?.port ?? port)\n"
            _ = line.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
        },
        logger: logger
    )
    try await app.runService()
#else
    print("generators-web-bench-server needs the package trait Hummingbird")
    exit(2)
#endif
