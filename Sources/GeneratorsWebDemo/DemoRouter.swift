#if Hummingbird
    import Foundation
    import GeneratorsHummingbird
    import Hummingbird

    /// How many streams are open now, for the page's live counter.
    let openStreams = Locked(0)

    /// Counts a stream as open for the life of its generator.
    func countingOpenStream<T>(_ body: () async throws -> T) async rethrows -> T {
        openStreams.withLock { $0 += 1 }
        defer { openStreams.withLock { $0 -= 1 } }
        return try await body()
    }

    func demoRouter(interval: Duration) -> Router<BasicRequestContext> {
        let router = Router()

        router.get("/") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: demoPage))
            )
        }

        // The seed's async generator, 0 to 9, one value an interval, as Server-Sent Events.
        // `?per=K` ends each connection after K values, so the browser reconnects with
        // Last-Event-ID and the generator resumes after it; `?interval=S` overrides the pause.
        router.get("/seed") { request, _ in
            let per = request.uri.queryParameters.get("per", as: Int.self) ?? 10
            let pause =
                request.uri.queryParameters.get("interval", as: Double.self)
                .map { Duration.milliseconds(Int($0 * 1000)) } ?? interval
            return EventSourceResponse { lastEventID in
                say("seed: Last-Event-ID \(lastEventID.value ?? "none")")
                return AsyncGenerator<ServerSentEvent> { g in
                    try await countingOpenStream {
                        let start = lastEventID.value.flatMap { Int($0) }.map { $0 + 1 } ?? 0
                        var sent = 0
                        for i in start..<10 {
                            guard sent < per else { return }  // the browser reconnects
                            let retry: Duration? = sent == 0 ? .milliseconds(200) : nil
                            try await g.yield(ServerSentEvent(id: "\(i)", data: "\(i)", retry: retry))
                            sent += 1
                            try await Task.sleep(for: pause)
                        }
                        try await g.yield(ServerSentEvent(event: "done", data: "all 10 values sent"))
                    }
                }
            }
        }

        // The number of open streams, each time it changes.
        router.get("/streams") { _, _ in
            EventSourceResponse { _ in
                AsyncGenerator<ServerSentEvent> { g in
                    try await countingOpenStream {
                        var shown = -1
                        while true {
                            let now = openStreams.withLock { $0 }
                            if now != shown {
                                try await g.yield(ServerSentEvent(event: "streams", data: "\(now)"))
                                shown = now
                            }
                            try await Task.sleep(for: .milliseconds(250))
                        }
                    }
                }
            }
        }

        // A chunked text stream, for a fetch() reader: `?n=N&interval=S`.
        router.get("/chunks") { request, _ in
            let count = request.uri.queryParameters.get("n", as: Int.self) ?? 10
            let pause = request.uri.queryParameters.get("interval", as: Double.self) ?? 0.3
            return StreamingResponse(
                .chunks(contentType: "text/plain; charset=utf-8") {
                    AsyncGenerator<String> { g in
                        try await countingOpenStream {
                            for i in 0..<count {
                                try await g.yield("chunk \(i)\n")
                                try await Task.sleep(for: .milliseconds(Int(pause * 1000)))
                            }
                        }
                    }
                }
            )
        }

        // A large CSV made row by row by a synchronous generator: `?bytes=N` (1 GB by default).
        router.get("/data.csv") { request, _ in
            let limit = request.uri.queryParameters.get("bytes", as: Int.self) ?? 1_000_000_000
            return StreamingResponse(
                .chunks(contentType: "text/csv; charset=utf-8") {
                    Generator<String> { g in
                        openStreams.withLock { $0 += 1 }
                        defer { openStreams.withLock { $0 -= 1 } }
                        var written = 0
                        let header = "id,square_mod_1000003,label\n"
                        try g.yield(header)
                        written += header.utf8.count
                        var id = 0
                        while written < limit {
                            let row = "\(id),\(id &* id % 1_000_003),row-\(id)\n"
                            try g.yield(row)
                            written += row.utf8.count
                            id += 1
                        }
                    }
                },
                headers: [.contentDisposition: "attachment; filename=\"data.csv\""]
            )
        }

        // The page's self-test posts what it saw; the demo prints it for the browser test.
        router.post("/report") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            say("report: \(String(buffer: body))")
            return .noContent
        }
        return router
    }
#endif
