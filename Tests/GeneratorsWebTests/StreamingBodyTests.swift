import Foundation
import Generators
import GeneratorsWeb
import Testing
import _GeneratorsTestSupport

/// What a body wrote, batch by batch, from the writer's task.
private final class Written: @unchecked Sendable {
    // Safety: every access to `batches` holds `lock`.
    private let lock = NSLock()
    private var batches: [[UInt8]] = []

    func append(_ bytes: [UInt8]) { lock.withLock { batches.append(bytes) } }
    var count: Int { lock.withLock { batches.count } }
    var text: String { lock.withLock { String(decoding: batches.joined(), as: UTF8.self) } }
    var bytes: [UInt8] { lock.withLock { Array(batches.joined()) } }
}

private struct Boom: Error {}

private final class Counter: @unchecked Sendable {
    // Safety: every access to `count` holds `lock`.
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

// Tests that compare event streams byte for byte turn the heartbeat off: a loaded machine can
// leave a stream idle for its 15 seconds.
@Suite struct StreamingBodyTests {
    @Test func aSyncGeneratorsChunksAreWrittenInOrder() async throws {
        let body = StreamingBody.chunks(contentType: "text/plain") {
            Generator<String> { g in for i in 0..<1_000 { try g.yield("\(i)\n") } }
        }
        #expect(body.contentType == "text/plain")
        let written = Written()
        let outcome = try await body.write { written.append($0) }
        guard case .finished = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(written.text == (0..<1_000).map { "\($0)\n" }.joined())
    }

    @Test func theGeneratorIsMadeOnlyWhenTheBodyIsWritten() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.chunks {
            log.record("made")
            return ["x"]
        }
        #expect(log.events.isEmpty)
        _ = try await body.write { _ in }
        #expect(log.events == ["made"])
    }

    /// Each chunk is written before the next is made: the generator waits for the writer's
    /// record of the previous chunk before it yields the next one.
    @Test func anAsyncGeneratorsChunksArriveAsTheyAreMade() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.chunks {
            AsyncGenerator<String> { g in
                for i in 0..<5 {
                    try await g.yield("\(i)")
                    await log.waitFor("wrote \(i)")
                }
            }
        }
        let written = Written()
        _ = try await body.write { bytes in
            written.append(bytes)
            log.record("wrote \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(written.count == 5)
        #expect(written.text == "01234")
    }

    /// A writer that does not return holds the generator back: it makes at most the high-water
    /// mark's worth of values (plus the one in the write and the one it is encoding).
    @Test func aSlowWriterHoldsTheGeneratorBack() async throws {
        let made = Counter()
        var body = StreamingBody.chunks {
            AsyncGenerator<[UInt8]> { g in
                while true {
                    made.increment()
                    try await g.yield([UInt8](repeating: 65, count: 100))
                }
            }
        }
        body.highWaterMark = 1_000
        try await whileTheWriteIsStuck(body) {
            #expect(made.value <= 1_000 / 100 + 3)
        }
    }

    /// Writes `body` through a writer stuck in its first write, runs `check` once the
    /// generator had time to overrun (if it could), then cancels the write.
    private func whileTheWriteIsStuck(_ body: StreamingBody, check: () -> Void) async throws {
        var body = body
        body.sendTimeout = nil
        let log = AsyncEventLog()
        let task = Task { [body] in
            try await body.write { _ in
                log.record("writing")
                try await Task.sleep(for: .seconds(3600))
            }
        }
        await log.waitFor("writing")
        try await Task.sleep(for: .milliseconds(200))  // time to overrun, if it could
        check()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func eventStreamsHoldLessThanDownloadsForAStuckClient() async throws {
        // Events: 4 KiB may wait (a new stream's first event waits less behind busy ones);
        // chunks: 64 KiB (a download's throughput).
        #expect(StreamingBody.events { AsyncStream<ServerSentEvent> { $0.finish() } }.highWaterMark == 4 * 1024)
        #expect(StreamingBody.chunks { [String]() }.highWaterMark == 64 * 1024)
        let made = Counter()
        let body = StreamingBody.events(heartbeat: nil) {
            AsyncGenerator<ServerSentEvent> { g in
                while true {
                    made.increment()
                    // 100 bytes on the wire: "data: " + 92 + "\n\n".
                    try await g.yield(ServerSentEvent(data: String(repeating: "x", count: 92)))
                }
            }
        }
        try await whileTheWriteIsStuck(body) {
            // The batch being written, the 4 KiB waiting, and one event in the generator's hand.
            #expect(made.value <= 2 * 4 * 1024 / 100 + 3)
        }
    }

    @Test func aWriterThatFailsClosesTheAsyncGeneratorBeforeWriteReturns() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.chunks {
            AsyncGenerator<String> { g in
                defer { log.record("cleanup") }
                for i in 0... { try await g.yield("\(i)") }
            }
        }
        var writes = 0
        await #expect(throws: Boom.self) {
            _ = try await body.write { _ in
                writes += 1
                if writes == 3 { throw Boom() }
            }
        }
        #expect(log.events == ["cleanup"])
    }

    /// How the stream is stopped from outside: its task is cancelled, or the framework
    /// triggers the disconnect signal.
    enum Stop: CaseIterable { case cancellation, disconnect }

    @Test(arguments: Stop.allCases)
    func stoppingTheStreamClosesAGeneratorThatIsIdleInAnAwait(_ stop: Stop) async throws {
        let log = AsyncEventLog()
        // No heartbeat: under a sanitizer on a loaded machine, the 15 s default
        // can come before the stop and write a second time.
        let body = StreamingBody.events(heartbeat: nil) {
            AsyncGenerator<ServerSentEvent> { g in
                defer { log.record("cleanup") }
                try await g.yield(ServerSentEvent(data: "first"))
                try await Task.sleep(for: .seconds(3600))
            }
        }
        let disconnect = StreamingBody.DisconnectSignal()
        let task = Task { try await body.write(disconnect: disconnect) { _ in log.record("wrote") } }
        await log.waitFor("wrote")
        switch stop {
        case .cancellation:
            task.cancel()
        case .disconnect:
            disconnect.trigger()
            disconnect.trigger()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(log.events == ["wrote", "cleanup"])
    }

    @Test func aDisconnectStopsAWriteThatIsStuck() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.chunks {
            AsyncGenerator<String> { g in
                defer { log.record("cleanup") }
                while true { try await g.yield("x") }
            }
        }
        let disconnect = StreamingBody.DisconnectSignal()
        let task = Task {
            try await body.write(disconnect: disconnect) { _ in
                log.record("writing")
                try await Task.sleep(for: .seconds(3600))
            }
        }
        await log.waitFor("writing")
        disconnect.trigger()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(log.events == ["writing", "cleanup"])
    }

    @Test func aSignalTriggeredBeforeTheWriteStopsItAtOnce() async throws {
        let disconnect = StreamingBody.DisconnectSignal()
        disconnect.trigger()
        let body = StreamingBody.events {
            AsyncGenerator<ServerSentEvent> { g in try await Task.sleep(for: .seconds(3600)) }
        }
        await #expect(throws: CancellationError.self) {
            _ = try await body.write(disconnect: disconnect) { _ in }
        }
    }

    @Test func manyIdleStreamsShareTheClockAndEachGetsItsHeartbeats() async throws {
        // One clock thread keeps the time of every stream: 200 streams with heartbeats of
        // 5 to 24 ms each get two heartbeats, then end.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for stream in 0..<200 {
                group.addTask {
                    let pings = Counter()
                    let log = AsyncEventLog()
                    let body = StreamingBody.events(heartbeat: .milliseconds(5 + stream % 20)) {
                        AsyncGenerator<ServerSentEvent> { g in
                            await log.waitFor("second ping")
                            try await g.yield(ServerSentEvent(data: "done"))
                        }
                    }
                    _ = try await body.write { bytes in
                        if bytes == Array(": ping\n\n".utf8) {
                            pings.increment()
                            if pings.value == 2 { log.record("second ping") }
                        }
                    }
                    return pings.value
                }
            }
            var streams = 0
            for try await pings in group {
                #expect(pings >= 2)
                streams += 1
            }
            #expect(streams == 200)
        }
    }

    @Test func aSyncGeneratorIsClosedWhenTheStreamStops() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.chunks {
            Generator<String> { g in
                defer { log.record("cleanup") }
                while true { try g.yield("x") }
            }
        }
        await #expect(throws: Boom.self) { _ = try await body.write { _ in throw Boom() } }
        #expect(log.events == ["cleanup"])
    }

    @Test func anIdleEventStreamSendsHeartbeats() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.events(heartbeat: .milliseconds(20)) {
            AsyncGenerator<ServerSentEvent> { g in
                try await g.yield(ServerSentEvent(id: "1", data: "one"))
                await log.waitFor("ping")
                try await g.yield(ServerSentEvent(id: "2", data: "two"))
            }
        }
        let written = Written()
        _ = try await body.write { bytes in
            written.append(bytes)
            if bytes == Array(": ping\n\n".utf8) { log.record("ping") }
        }
        let parsed = EventStreamParser.parse(written.bytes)
        #expect(parsed.events.map(\.data) == ["one", "two"])
        #expect(parsed.comments.contains(" ping"))
    }

    @Test func chunksHaveNoHeartbeat() async throws {
        var body = StreamingBody.chunks { ["x"] }
        body.heartbeat = .milliseconds(1)
        let written = Written()
        _ = try await body.write { written.append($0) }
        #expect(written.text == "x")
    }

    @Test func aClientThatStopsReadingIsDroppedAfterTheSendTimeout() async throws {
        let log = AsyncEventLog()
        var body = StreamingBody.chunks {
            AsyncGenerator<String> { g in
                defer { log.record("cleanup") }
                while true { try await g.yield("x") }
            }
        }
        body.sendTimeout = .milliseconds(50)
        var writes = 0
        do {
            _ = try await body.write { _ in
                writes += 1
                if writes == 2 { try await Task.sleep(for: .seconds(3600)) }
            }
            Issue.record("the write returned")
        } catch StreamingBodyError.sendTimedOut(let timeout) {
            #expect(timeout == .milliseconds(50))
        }
        #expect(log.events == ["cleanup"])
    }

    @Test func aFailedEventStreamEndsWithItsErrorEvent() async throws {
        let body = StreamingBody.events(heartbeat: nil) {
            AsyncGenerator<ServerSentEvent> { g in
                try await g.yield(ServerSentEvent(id: "1", data: "one"))
                throw Boom()
            }
        }
        let written = Written()
        let outcome = try await body.write { written.append($0) }
        guard case .failed(let error) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(error is Boom)
        #expect(written.text == "id: 1\ndata: one\n\nevent: error\ndata: \n\n")
    }

    @Test func theErrorEventCanBeChosenOrLeftOut() async throws {
        let failing: @Sendable () -> AsyncGenerator<ServerSentEvent> = {
            AsyncGenerator { _ in throw Boom() }
        }
        let chosen = StreamingBody.events(
            heartbeat: nil,
            errorEvent: { _ in ServerSentEvent(event: "oops", data: "sorry") },
            failing
        )
        let written = Written()
        _ = try await chosen.write { written.append($0) }
        #expect(written.text == "event: oops\ndata: sorry\n\n")

        let none = StreamingBody.events(heartbeat: nil, errorEvent: nil, failing)
        let nothing = Written()
        _ = try await none.write { nothing.append($0) }
        #expect(nothing.text == "")
    }

    @Test func anEventThatCannotBeWrittenEndsTheStreamWithoutInjecting() async throws {
        let body = StreamingBody.events(heartbeat: nil) {
            AsyncGenerator<ServerSentEvent> { g in
                try await g.yield(ServerSentEvent(id: "1", data: "one"))
                try await g.yield(ServerSentEvent(id: "2\ndata: injected", data: "two"))
                try await g.yield(ServerSentEvent(id: "3", data: "three"))
            }
        }
        let written = Written()
        let outcome = try await body.write { written.append($0) }
        guard case .failed(let error) = outcome else { Issue.record("outcome \(outcome)"); return }
        #expect(error is ServerSentEventError)
        #expect(
            EventStreamParser.parse(written.bytes).events == [
                .init(data: "one", lastEventID: "1"), .init(type: "error", data: "", lastEventID: "1"),
            ]
        )
    }

    @Test func aFailedChunkedBodyThrowsAfterItsBytes() async throws {
        let body = StreamingBody.chunks {
            ThrowingGenerator<String> { g in
                try g.yield("partial")
                throw Boom()
            }
        }
        let written = Written()
        do {
            _ = try await body.write { written.append($0) }
            Issue.record("the write returned")
        } catch StreamingBodyError.sourceFailed(let error) {
            #expect(error is Boom)
        }
        #expect(written.text == "partial")
    }

    @Test func jsonLinesFromSyncAndAsyncGenerators() async throws {
        struct Point: Codable, Equatable { let x, y: Int }
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        let sync = StreamingBody.jsonLines(encoder: sorted) {
            Generator<Point> { g in for x in 0..<3 { try g.yield(Point(x: x, y: x * x)) } }
        }
        #expect(sync.contentType == "application/jsonl")
        let written = Written()
        _ = try await sync.write { written.append($0) }
        #expect(written.text == "{\"x\":0,\"y\":0}\n{\"x\":1,\"y\":1}\n{\"x\":2,\"y\":4}\n")

        let async = StreamingBody.jsonLines {
            AsyncGenerator<[String: Int]> { g in for step in 1...2 { try await g.yield(["step": step]) } }
        }
        let lines = Written()
        _ = try await async.write { lines.append($0) }
        #expect(lines.text == "{\"step\":1}\n{\"step\":2}\n")
    }

    @Test func aShutdownEndsAnEventStreamWithItsEventAndClosesTheGenerator() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.events(heartbeat: nil) {
            AsyncGenerator<ServerSentEvent> { g in
                defer { log.record("cleanup") }
                try await g.yield(ServerSentEvent(id: "1", data: "one"))
                try await Task.sleep(for: .seconds(3600))
            }
        }
        let shutdown = StreamingBody.ShutdownSignal()
        let written = Written()
        async let outcome = body.write(shutdown: shutdown) { bytes in
            written.append(bytes)
            log.record("wrote")
        }
        await log.waitFor("wrote")
        shutdown.trigger()
        shutdown.trigger()
        guard case .shutDown = try await outcome else { Issue.record("not shut down"); return }
        #expect(written.text == "id: 1\ndata: one\n\nevent: shutdown\ndata: \n\n")
        #expect(log.events.filter { $0 == "cleanup" }.count == 1)
    }

    @Test func aShutdownCutsAChunkedBodyShort() async throws {
        let log = AsyncEventLog()
        let body = StreamingBody.chunks {
            Generator<String> { g in
                defer { log.record("cleanup") }
                while true { try g.yield("x") }
            }
        }
        let shutdown = StreamingBody.ShutdownSignal()
        shutdown.trigger()
        do {
            _ = try await body.write(shutdown: shutdown) { _ in }
            Issue.record("the write returned")
        } catch StreamingBodyError.shutDown {}
        #expect(log.events == ["cleanup"])
    }

    /// A pretty-printing encoder would spread a value over lines: a documented programmer error.
    @Test func jsonLinesWithAPrettyPrintingEncoderTrap() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let pretty = JSONEncoder()
            pretty.outputFormatting = .prettyPrinted
            _ = StreamingBody.jsonLines(encoder: pretty) { [1, 2, 3] }
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("the encoder must not pretty-print"))
    }
}
