#if Hummingbird
    import Foundation
    import GeneratorsHummingbird
    import Hummingbird
    import ServiceLifecycle
    import Testing
    import _GeneratorsTestSupport

    private struct Boom: Error {}

    /// Reads an event stream's chunks, handing each to `onChunk`, until the server ends it.
    private func readEvents(
        port: Int,
        path: String,
        headers: [String] = [],
        onChunk: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> (headers: [String: String], body: String) {
        try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request(path, headers: headers)) {
            reader in
            let (status, headers) = try await reader.head()
            #expect(status == 200)
            var body = ""
            while let chunk = try await reader.chunk() {
                let text = String(decoding: chunk, as: UTF8.self)
                body += text
                onChunk(text)
            }
            return (headers, body)
        }
    }

    // Tests that compare bytes exactly turn the heartbeat off: a loaded machine can leave a
    // stream idle for its 15 seconds.
    @Suite struct EventSourceResponseTests {
        @Test func framingAndHeadersByteForByte() async throws {
            let router = Router()
            router.get("events") { _, _ in
                EventSourceResponse(heartbeat: nil) { _ in
                    AsyncGenerator<ServerSentEvent> { g in
                        try await g.yield(ServerSentEvent(id: "1", event: "greeting", data: "hello\nworld"))
                        try await g.yield(ServerSentEvent(data: "plain", retry: .seconds(2), comment: "note"))
                        try await g.yield(try ServerSentEvent(json: ["n": 3], id: "3"))
                    }
                }
            }
            let (headers, body) = try await withTestServer(router) { port, _ in
                try await readEvents(port: port, path: "/events")
            }
            #expect(headers["content-type"] == "text/event-stream")
            #expect(headers["cache-control"] == "no-cache")
            #expect(headers["x-accel-buffering"] == "no")
            #expect(
                body == """
                    id: 1
                    event: greeting
                    data: hello
                    data: world

                    : note
                    retry: 2000
                    data: plain

                    id: 3
                    data: {"n":3}


                    """
            )
        }

        @Test func anIdleStreamGetsHeartbeats() async throws {
            let log = AsyncEventLog()
            let router = Router()
            router.get("quiet") { _, _ in
                EventSourceResponse(heartbeat: .milliseconds(50)) { _ in
                    AsyncGenerator<ServerSentEvent> { g in
                        try await g.yield(ServerSentEvent(data: "before"))
                        await log.waitFor("ping")
                        try await g.yield(ServerSentEvent(data: "after"))
                    }
                }
            }
            let received = Locked("")
            let (_, body) = try await withTestServer(router) { port, _ in
                try await readEvents(port: port, path: "/quiet") { chunk in
                    let text = received.withLock {
                        $0 += chunk; return $0
                    }
                    if let before = text.range(of: "data: before\n\n"),
                        text[before.upperBound...].contains(": ping\n\n")
                    {
                        log.record("ping")
                    }
                }
            }
            // The generator yields "after" only once a ping has arrived after "before" (more
            // pings may come on a loaded machine, even before "before": the stream was idle).
            let parsed = EventStreamParser.parse(Array(body.utf8))
            #expect(parsed.events.map(\.data) == ["before", "after"])
            let before = try #require(body.range(of: "data: before\n\n"))
            let ping = try #require(body.range(of: ": ping\n\n", range: before.upperBound..<body.endIndex))
            let after = try #require(body.range(of: "data: after\n\n"))
            #expect(ping.upperBound <= after.lowerBound)
        }

        @Test func lastEventIDReachesTheFactory() async throws {
            let router = Router()
            router.get("resume") { _, _ in
                EventSourceResponse(heartbeat: nil) { lastEventID in
                    AsyncGenerator<ServerSentEvent> { g in
                        switch lastEventID {
                        case .none:
                            try await g.yield(ServerSentEvent(id: "0", data: "from the start"))
                        case .id(let id):
                            let next = (Int(id) ?? -1) + 1
                            try await g.yield(ServerSentEvent(id: "\(next)", data: "after \(id)"))
                        case .invalid(let reason):
                            try await g.yield(ServerSentEvent(event: "invalid", data: "\(reason)"))
                        }
                    }
                }
            }
            try await withTestServer(router) { port, _ in
                let first = try await readEvents(port: port, path: "/resume").body
                #expect(
                    EventStreamParser.parse(Array(first.utf8)).events == [
                        .init(data: "from the start", lastEventID: "0")
                    ]
                )
                let resumed = try await readEvents(port: port, path: "/resume", headers: ["Last-Event-ID: 41"]).body
                #expect(
                    EventStreamParser.parse(Array(resumed.utf8)).events == [.init(data: "after 41", lastEventID: "42")]
                )
                let huge = String(repeating: "9", count: 5_000)
                let tooLong = try await readEvents(port: port, path: "/resume", headers: ["Last-Event-ID: \(huge)"])
                    .body
                #expect(tooLong == "event: invalid\ndata: tooLong(5000)\n\n")
                let twice = try await readEvents(
                    port: port,
                    path: "/resume",
                    headers: ["Last-Event-ID: 1", "Last-Event-ID: 2"]
                ).body
                #expect(twice == "event: invalid\ndata: repeated\n\n")
            }
        }

        @Test func aFailingGeneratorEndsWithTheErrorEventAndAProperEnd() async throws {
            let router = Router()
            router.get("failing") { _, _ in
                EventSourceResponse(heartbeat: nil) { _ in
                    AsyncGenerator<ServerSentEvent> { g in
                        try await g.yield(ServerSentEvent(id: "1", data: "one"))
                        throw Boom()
                    }
                }
            }
            let (_, body) = try await withTestServer(router) { port, _ in
                try await readEvents(port: port, path: "/failing")
            }
            #expect(body == "id: 1\ndata: one\n\nevent: error\ndata: \n\n")
        }

        @Test func headSendsTheHeadersOnly() async throws {
            let log = AsyncEventLog()
            let router = Router(options: .autoGenerateHeadEndpoints)
            router.get("events") { _, _ in
                EventSourceResponse { _ in
                    log.record("made")
                    return AsyncGenerator<ServerSentEvent> { _ in }
                }
            }
            let (headers, rest) = try await withTestServer(router) { port, _ in
                try await RawHTTPClient.withResponse(
                    port: port,
                    request: RawHTTPClient.request("/events", method: "HEAD", headers: ["Connection: close"])
                ) { reader in
                    let (_, headers) = try await reader.head()
                    return (headers, try await reader.rest())
                }
            }
            #expect(headers["content-type"] == "text/event-stream")
            #expect(rest.isEmpty)
            #expect(log.events.isEmpty)
        }

        /// Twenty clients leave at once while their generators wait in an `await`: every
        /// cleanup runs, once (counted; the test waits for the count, it does not sleep).
        @Test func clientsThatLeaveHaveTheirGeneratorsClosed() async throws {
            let cleanups = Locked(0)
            let log = AsyncEventLog()
            let router = Router()
            router.get("idle") { _, _ in
                EventSourceResponse { _ in
                    AsyncGenerator<ServerSentEvent> { g in
                        defer {
                            let count = cleanups.withLock { count in
                                count += 1
                                return count
                            }
                            log.record("cleanups \(count)")
                        }
                        try await g.yield(ServerSentEvent(data: "hello"))
                        try await Task.sleep(for: .seconds(3600))
                    }
                }
            }
            try await withTestServer(router) { port, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request("/idle")) {
                                reader in
                                _ = try await reader.head()
                                _ = try await reader.chunk()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                await log.waitFor("cleanups 20")
            }
            #expect(cleanups.withLock { $0 } == 20)
        }

        @Test func aGracefulShutdownSendsTheShutdownEventAndClosesTheGenerator() async throws {
            let log = AsyncEventLog()
            let router = Router()
            router.get("forever") { _, _ in
                EventSourceResponse(heartbeat: nil) { _ in
                    AsyncGenerator<ServerSentEvent> { g in
                        defer { log.record("cleanup") }
                        try await g.yield(ServerSentEvent(id: "1", data: "one"))
                        try await Task.sleep(for: .seconds(3600))
                    }
                }
            }
            let body = try await withTestServer(router) { port, server in
                try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request("/forever")) {
                    reader in
                    _ = try await reader.head()
                    var body = String(decoding: try await reader.chunk() ?? [], as: UTF8.self)
                    await server.triggerGracefulShutdown()
                    while let chunk = try await reader.chunk() { body += String(decoding: chunk, as: UTF8.self) }
                    return body
                }
            }
            #expect(body == "id: 1\ndata: one\n\nevent: shutdown\ndata: \n\n")
            #expect(log.events == ["cleanup"])
        }
    }
#endif
