#if Hummingbird
    import Foundation
    import GeneratorsHummingbird
    import Hummingbird
    import ServiceLifecycle
    import NIOPosix
    import Testing
    import _GeneratorsTestSupport

    private struct Boom: Error {}

    /// Runs `router` on a free port and makes one raw request to it.
    private func withResponse<Result: Sendable>(
        _ router: Router<BasicRequestContext>,
        request: String,
        _ body: @escaping @Sendable (inout RawHTTPClient.ResponseReader) async throws -> Result
    ) async throws -> Result {
        try await withTestServer(router) { port, _ in
            try await RawHTTPClient.withResponse(port: port, request: request, body)
        }
    }

    @Suite struct StreamingResponseTests {
        /// Each chunk reaches the client before the next is made: the generator waits until
        /// the client has read the previous chunk before it yields the next one.
        @Test func chunksArriveAsTheyAreMade() async throws {
            let log = AsyncEventLog()
            let router = Router()
            router.get("ticks") { _, _ in
                StreamingResponse(
                    .chunks(contentType: "text/plain") {
                        AsyncGenerator<String> { g in
                            for i in 0..<5 {
                                try await g.yield("tick \(i)\n")
                                await log.waitFor("client read tick \(i)")
                            }
                        }
                    }
                )
            }
            let chunks = try await withResponse(router, request: RawHTTPClient.request("/ticks")) { reader in
                let (status, headers) = try await reader.head()
                #expect(status == 200)
                #expect(headers["content-type"] == "text/plain")
                #expect(headers["transfer-encoding"] == "chunked")
                #expect(headers["x-accel-buffering"] == "no")
                #expect(headers["x-content-type-options"] == "nosniff")
                var chunks: [String] = []
                while let chunk = try await reader.chunk() {
                    let text = String(decoding: chunk, as: UTF8.self)
                    chunks.append(text)
                    log.record("client read \(text.dropLast())")
                }
                return chunks
            }
            #expect(chunks == (0..<5).map { "tick \($0)\n" })
        }

        @Test func aSyncGeneratorsCSVByteForByteOffTheEventLoop() async throws {
            let onEventLoop = AsyncEventLog()
            let router = Router()
            router.get("squares.csv") { _, _ in
                StreamingResponse(
                    .chunks(contentType: "text/csv") {
                        Generator<String> { g in
                            onEventLoop.record("\(MultiThreadedEventLoopGroup.currentEventLoop != nil)")
                            try g.yield("n,square\n")
                            for n in 1...20_000 { try g.yield("\(n),\(n * n)\n") }
                        }
                    }
                )
            }
            let body = try await withResponse(router, request: RawHTTPClient.request("/squares.csv")) { reader in
                _ = try await reader.head()
                return try await reader.chunks().joined()
            }
            let expected = "n,square\n" + (1...20_000).map { "\($0),\($0 * $0)\n" }.joined()
            #expect(String(decoding: body, as: UTF8.self) == expected)
            #expect(onEventLoop.events == ["false"])
        }

        @Test func jsonLinesByteForByte() async throws {
            struct Point: Encodable { let x: Int }
            let router = Router()
            router.get("points") { _, _ in
                StreamingResponse(
                    .jsonLines {
                        AsyncGenerator<Point> { g in for x in 0..<3 { try await g.yield(Point(x: x)) } }
                    }
                )
            }
            let (headers, body) = try await withResponse(router, request: RawHTTPClient.request("/points")) {
                reader in
                let (_, headers) = try await reader.head()
                return (headers, try await reader.chunks().joined())
            }
            #expect(headers["content-type"] == "application/jsonl")
            #expect(String(decoding: body, as: UTF8.self) == "{\"x\":0}\n{\"x\":1}\n{\"x\":2}\n")
        }

        @Test func headNeverStartsTheGenerator() async throws {
            let log = AsyncEventLog()
            let router = Router(options: .autoGenerateHeadEndpoints)
            router.get("data") { _, _ in
                StreamingResponse(
                    .chunks(contentType: "text/csv") {
                        log.record("made")
                        return ["a,b\n"]
                    }
                )
            }
            let (status, headers, rest) = try await withResponse(
                router,
                request: RawHTTPClient.request("/data", method: "HEAD", headers: ["Connection: close"])
            ) { reader in
                let (status, headers) = try await reader.head()
                return (status, headers, try await reader.rest())
            }
            #expect(status == 200)
            #expect(headers["content-type"] == "text/csv")
            #expect(rest.isEmpty)
            #expect(log.events.isEmpty)
        }

        /// The client sees a failure, not a short file: the connection ends without the last
        /// chunk.
        @Test func aFailingGeneratorEndsTheConnectionWithoutTheLastChunk() async throws {
            let router = Router()
            router.get("broken") { _, _ in
                StreamingResponse(
                    .chunks {
                        AsyncGenerator<String> { g in
                            try await g.yield("partial")
                            throw Boom()
                        }
                    }
                )
            }
            let (first, error) = try await withResponse(router, request: RawHTTPClient.request("/broken")) {
                reader in
                _ = try await reader.head()
                let first = try await reader.chunk()
                do {
                    _ = try await reader.chunk()
                    return (first, nil as RawHTTPClient.Failure?)
                } catch let failure as RawHTTPClient.Failure {
                    return (first, failure)
                }
            }
            #expect(first == Array("partial".utf8))
            #expect(error?.description == "the connection ended mid-line")
        }

        /// The generator waits in an `await` when the client leaves; its cleanup runs anyway.
        @Test func aClientThatLeavesClosesAnIdleAsyncGenerator() async throws {
            let log = AsyncEventLog()
            let router = Router()
            router.get("idle") { _, _ in
                StreamingResponse(
                    .chunks {
                        AsyncGenerator<String> { g in
                            defer { log.record("cleanup") }
                            try await g.yield("first")
                            try await Task.sleep(for: .seconds(3600))
                        }
                    }
                )
            }
            try await withTestServer(router) { port, _ in
                try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request("/idle")) { reader in
                    _ = try await reader.head()
                    #expect(try await reader.chunk() == Array("first".utf8))
                }  // the connection closes here
                await log.waitFor("cleanup")
            }
            #expect(log.events == ["cleanup"])
        }

        @Test func aClientThatLeavesClosesASyncGenerator() async throws {
            let log = AsyncEventLog()
            let router = Router()
            router.get("endless") { _, _ in
                StreamingResponse(
                    .chunks {
                        Generator<String> { g in
                            defer { log.record("cleanup") }
                            while true { try g.yield(String(repeating: "x", count: 1000)) }
                        }
                    }
                )
            }
            try await withTestServer(router) { port, _ in
                try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request("/endless")) {
                    reader in
                    _ = try await reader.head()
                    _ = try await reader.chunk()
                }
                await log.waitFor("cleanup")
            }
            #expect(log.events == ["cleanup"])
        }

        /// A client that reads nothing is dropped after the send timeout, and the generator
        /// closed; meanwhile the generator made a bounded amount.
        @Test func aStuckClientIsDroppedAndTheGeneratorClosed() async throws {
            let log = AsyncEventLog()
            let made = Locked(0)
            let router = Router()
            router.get("endless") { _, _ in
                var body = StreamingBody.chunks {
                    AsyncGenerator<[UInt8]> { g in
                        defer { log.record("cleanup") }
                        while true {
                            made.withLock { $0 += 1024 }
                            try await g.yield([UInt8](repeating: 0x78, count: 1024))
                        }
                    }
                }
                body.sendTimeout = .milliseconds(300)
                return StreamingResponse(body)
            }
            try await withTestServer(router) { port, _ in
                try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request("/endless")) {
                    reader in
                    _ = try await reader.head()
                    await log.waitFor("cleanup")  // the client never reads past the head
                }
            }
            #expect(log.events == ["cleanup"])
            // What was made sits in the body's buffer (64 KiB), NIO's (64 KiB) and the kernel's
            // socket buffers, whose largest sizes Linux says (about 5 MB was made here).
            let bound = 128 * 1024 + maximumSocketBuffer("tcp_wmem") + maximumSocketBuffer("tcp_rmem")
            #expect(made.withLock { $0 } < bound)
        }

        @Test func aGracefulShutdownCutsAChunkedBodyShortAndClosesTheGenerator() async throws {
            let log = AsyncEventLog()
            let router = Router()
            router.get("slow") { _, _ in
                StreamingResponse(
                    .chunks {
                        AsyncGenerator<String> { g in
                            defer { log.record("cleanup") }
                            while true {
                                try await g.yield("x")
                                try await Task.sleep(for: .seconds(3600))
                            }
                        }
                    }
                )
            }
            let failure = try await withTestServer(router) { port, server in
                try await RawHTTPClient.withResponse(port: port, request: RawHTTPClient.request("/slow")) {
                    reader -> String? in
                    _ = try await reader.head()
                    _ = try await reader.chunk()
                    await server.triggerGracefulShutdown()
                    do {
                        _ = try await reader.chunk()
                        return nil
                    } catch let failure as RawHTTPClient.Failure {
                        return failure.description
                    }
                }
            }
            #expect(failure == "the connection ended mid-line")
            #expect(log.events == ["cleanup"])
        }
    }

    /// The largest size of a TCP socket buffer (`/proc/sys/net/ipv4/tcp_wmem`'s third field).
    private func maximumSocketBuffer(_ name: String) -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/\(name)", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isWhitespace).last.flatMap { Int($0) } ?? 64 << 20
    }
#endif
