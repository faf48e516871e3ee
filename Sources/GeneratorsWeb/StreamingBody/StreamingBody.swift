import Foundation
import Generators

/// A response body made by a generator while it is sent: chunks, JSON Lines or Server-Sent
/// Events, written through any framework's body writer with backpressure, a heartbeat, a send
/// timeout, and the generator closed the moment the stream ends, however it ends.
///
/// ```swift
/// let body = StreamingBody.chunks {
///     Generator<String> { g in for i in 1...3 { try g.yield("line \(i)\n") } }
/// }
/// var sent: [UInt8] = []
/// _ = try await body.write { bytes in sent += bytes }
/// print(String(decoding: sent, as: UTF8.self))   // line 1 / line 2 / line 3
/// ```
///
/// The generator is created when ``write(shutdown:disconnect:_:)`` starts (never for a response that is not sent,
/// such as the answer to `HEAD`) and runs in a task of its own, on the global concurrent
/// executor, never on a framework's event loop. It hands its encoded bytes to the writer through
/// one buffer: a writer that keeps up gets each value as soon as it is made; while a write is
/// in progress, values gather into the next write, and the generator parks once
/// ``highWaterMark`` bytes wait. So the generator is never more than `highWaterMark` bytes (plus
/// one value) ahead of the bytes the framework has accepted, and advances only as fast as the
/// client reads.
///
/// When the writer throws (the client left), when the task that calls ``write(shutdown:disconnect:_:)`` is
/// cancelled (a framework's "inbound closed" signal), or when a write makes no progress for
/// ``sendTimeout``, the generator is closed: an async generator is cancelled if it is inside an
/// `await`, or closed at its `yield` (its `defer` and `tryFinally`
/// cleanup run), and a synchronous generator is closed between two values. ``write(shutdown:disconnect:_:)`` returns
/// only after that cleanup ran.
///
/// - Complexity: O(1) per value, plus encoding; memory O(``highWaterMark``).
public struct StreamingBody: Sendable {
    /// How long a stream may be idle before a heartbeat (a comment line, for Server-Sent Events)
    /// is written; `nil` for none. Events default to 15 seconds, as FastAPI and sse-starlette;
    /// chunks and JSON Lines have no heartbeat (their formats have no comment).
    public var heartbeat: Duration? {
        didSet { if heartbeat == .zero { heartbeat = nil } }
    }
    /// How long one write may make no progress before the client is dropped and the generator
    /// closed; `nil` for no limit. Defaults to 30 seconds.
    public var sendTimeout: Duration? {
        didSet { if sendTimeout == .zero { sendTimeout = nil } }
    }
    /// How many bytes may wait for the writer before the generator parks: 64 KiB for chunks and
    /// JSON Lines (a download's throughput), 4 KiB for events (see
    /// ``eventsHighWaterMark``).
    public var highWaterMark: Int

    /// The media type of the body (`text/event-stream`, `application/jsonl`, …).
    public let contentType: String

    /// How a body that was written to its end ended.
    public enum Outcome: Sendable {
        /// The generator finished.
        case finished
        /// The generator threw; for events, the error event was sent after the events before.
        case failed(any Error)
        /// The server shut down (``ShutdownSignal``); for events, the shutdown event was sent
        /// after the events before.
        case shutDown
    }

    /// Writes the producer's encoded bytes into the shared buffer.
    let produce: @Sendable (_StreamingBodyStorage) async throws -> Void
    /// What a heartbeat writes; `nil` when the format has none.
    let heartbeatBytes: [UInt8]?
    /// What ends a failed stream in-band (an error event); `nil` when a failure must abort the
    /// response instead.
    let failureBytes: (@Sendable (any Error) -> [UInt8])?
    /// What ends a stream in-band when the server shuts down; `nil` when the response must be
    /// aborted instead.
    let shutdownBytes: [UInt8]?

    @usableFromInline
    init(
        contentType: String,
        heartbeat: Duration?,
        heartbeatBytes: [UInt8]?,
        failureBytes: (@Sendable (any Error) -> [UInt8])?,
        shutdownBytes: [UInt8]? = nil,
        highWaterMark: Int = 64 * 1024,
        produce: @escaping @Sendable (_StreamingBodyStorage) async throws -> Void
    ) {
        self.contentType = contentType
        self.heartbeat = heartbeat == .zero ? nil : heartbeat
        self.sendTimeout = .seconds(30)
        self.heartbeatBytes = heartbeatBytes
        self.failureBytes = failureBytes
        self.shutdownBytes = shutdownBytes
        self.highWaterMark = highWaterMark
        self.produce = produce
    }

    /// Runs the generator and passes its bytes to `write` until the stream ends.
    ///
    /// `write` is called from one task at a time, never concurrently, with batches of whole
    /// values (whole events, whole lines). It should return once the framework has accepted the
    /// bytes (its own backpressure), and throw when the client is gone.
    ///
    /// - Parameters:
    ///   - shutdown: Ends the stream early, in-band, when triggered (the server shuts down).
    ///   - disconnect: Stops the stream when triggered (the client left), as cancelling the
    ///     calling task does.
    ///   - write: Sends bytes to the client.
    /// - Returns: ``Outcome/finished``, or for events ``Outcome/failed(_:)`` (the generator
    ///   threw; the error event was written) or ``Outcome/shutDown``.
    /// - Throws: For chunks and JSON Lines, ``StreamingBodyError/sourceFailed(_:)`` when the
    ///   generator threw and ``StreamingBodyError/shutDown`` (the framework should then end the
    ///   connection without ending the body, so that the client sees a failure); for every
    ///   body, ``StreamingBodyError/sendTimedOut(_:)``, what `write` threw, or
    ///   `CancellationError` (the calling task was cancelled, or `disconnect` triggered).
    public func write(
        shutdown: ShutdownSignal? = nil,
        disconnect: DisconnectSignal? = nil,
        _ write: ([UInt8]) async throws -> Void
    ) async throws -> Outcome {
        let highWaterMark = max(1, self.highWaterMark)
        let storage = _StreamingBodyStorage(
            highWaterMark: highWaterMark,
            heartbeat: heartbeatBytes == nil ? nil : heartbeat,
            sendTimeout: sendTimeout
        )
        let produce = self.produce
        let heartbeatBytes = self.heartbeatBytes
        let failureBytes = self.failureBytes
        let shutdownBytes = self.shutdownBytes
        shutdown?.handlers.onTrigger { [weak storage] in storage?.shutDown() }
        disconnect?.handlers.onTrigger { [weak storage] in storage?.abort(.disconnected) }
        return try await withoutActuallyEscaping(write) { write in
            let writer = _UnsafeTransfer(value: write)
            return try await withThrowingTaskGroup(of: Outcome?.self) { group in
                group.addTask(executorPreference: globalConcurrentExecutor) {
                    do {
                        try await produce(storage)
                        storage.producerEnded(.finished)
                    } catch {
                        storage.producerEnded(.failed(error))
                    }
                    return nil
                }
                group.addTask {
                    defer { storage.writerTaskEnded() }
                    return try await Self.drain(
                        storage,
                        coalescing: min(Self.coalescingSize, highWaterMark / 2),
                        heartbeatBytes: heartbeatBytes,
                        failureBytes: failureBytes,
                        shutdownBytes: shutdownBytes,
                        write: writer.value
                    )
                }
                // The timer (heartbeats, send timeouts) is the process's clock thread; the
                // framework's disconnect and the caller's cancellation come here too. Each of
                // them cancels both sides' tasks.
                let aborted = await storage.waitForWriterOrAbort()
                if aborted != nil { group.cancelAll() }
                do {
                    while let result = try await group.next() {
                        if let outcome = result {
                            group.cancelAll()
                            return outcome
                        }
                    }
                } catch {
                    // What the writer saw when it was stopped (the cancellation, or a closed
                    // connection) is reported as the reason it was stopped.
                    switch storage.aborted {
                    case .sendTimedOut: throw StreamingBodyError.sendTimedOut(storage.sendTimeout ?? .zero)
                    case .disconnected: throw CancellationError()
                    case .cancelled, nil: throw error
                    }
                }
                preconditionFailure("the writer task ended without an outcome")
            }
        }
    }

    /// A batch smaller than this, in a burst, waits ``linger`` for more.
    static let coalescingSize = 16 * 1024
    /// A write that starts this soon after the previous one ended is part of a burst.
    static let burstWindow = Duration.milliseconds(1)
    /// How long a small batch in a burst waits for more.
    static let linger = Duration.microseconds(100)

    /// The writer's loop: takes what the producer made and writes it.
    private static func drain(
        _ storage: _StreamingBodyStorage,
        coalescing: Int,
        heartbeatBytes: [UInt8]?,
        failureBytes: (@Sendable (any Error) -> [UInt8])?,
        shutdownBytes: [UInt8]?,
        write: ([UInt8]) async throws -> Void
    ) async throws -> Outcome {
        var spare: [UInt8] = []
        var lastWriteEnded: ContinuousClock.Instant?
        while true {
            switch await storage.take(reusing: &spare) {
            case .bytes(var bytes):
                // In a burst (the last write ended moments ago), a small batch waits a moment
                // for more: each write costs a system call or an event-loop hop, so a fast
                // generator's values go out in large writes, and a sporadic one's at once.
                if bytes.count < coalescing, let lastWriteEnded,
                    ContinuousClock.now - lastWriteEnded < Self.burstWindow
                {
                    try await Task.sleep(for: Self.linger)
                    storage.takeMore(into: &bytes)
                }
                storage.writeStarted()
                try await write(bytes)
                lastWriteEnded = storage.writeEnded()
                spare = bytes
            case .heartbeat:
                guard let heartbeatBytes else { continue }
                storage.writeStarted()
                try await write(heartbeatBytes)
                storage.writeEnded()
            case .end(.finished):
                return .finished
            case .end(.failed(let error)):
                guard let failureBytes else { throw StreamingBodyError.sourceFailed(error) }
                let trailer = failureBytes(error)
                if !trailer.isEmpty {
                    storage.writeStarted()
                    try await write(trailer)
                    storage.writeEnded()
                }
                return .failed(error)
            case .end(.shutDown):
                guard let shutdownBytes else { throw StreamingBodyError.shutDown }
                storage.writeStarted()
                try await write(shutdownBytes)
                storage.writeEnded()
                return .shutDown
            case .cancelled:
                throw CancellationError()
            case .wait:
                continue
            }
        }
    }
}

// MARK: - Sources

extension StreamingBody {
    /// A body of a synchronous sequence's values, encoded by `encode`, with no heartbeat and no
    /// in-band failure.
    @inlinable
    static func ofSequence<Source: Sequence & SendableMetatype>(
        contentType: String,
        _ makeSource: @escaping @Sendable () -> Source,
        encode: @escaping @Sendable (Source.Element, inout [UInt8]) throws -> Void
    ) -> StreamingBody {
        StreamingBody(contentType: contentType, heartbeat: nil, heartbeatBytes: nil, failureBytes: nil) {
            storage in
            let source = makeSource()
            var iterator = source.makeIterator()
            try await produceSync(
                next: { iterator.next() },
                closable: source as? any _SyncClosableSource,
                into: storage,
                encode: encode
            )
        }
    }

    /// A body of an async sequence's values, encoded by `encode`, with no heartbeat and no
    /// in-band failure.
    @inlinable
    static func ofAsyncSequence<Source: AsyncSequence & SendableMetatype>(
        contentType: String,
        _ makeSource: @escaping @Sendable () async throws -> Source,
        encode: @escaping @Sendable (Source.Element, inout [UInt8]) throws -> Void
    ) -> StreamingBody {
        StreamingBody(contentType: contentType, heartbeat: nil, heartbeatBytes: nil, failureBytes: nil) {
            storage in
            try await produceAsync(try await makeSource(), into: storage, encode: encode)
        }
    }

    /// Feeds the values of an async sequence to the writer, encoded by `encode`; closes the
    /// sequence when it is one of the package's generators and the stream stops early.
    @inlinable
    static func produceAsync<Source: AsyncSequence>(
        _ source: Source,
        into storage: _StreamingBodyStorage,
        encode: (Source.Element, inout [UInt8]) throws -> Void
    ) async throws {
        var bytes: [UInt8] = []
        var iterator = source.makeAsyncIterator()
        var stopped = false
        do {
            while let value = try await iterator.next() {
                try encode(value, &bytes)
                guard await storage.produce(&bytes) else {
                    stopped = true
                    break
                }
            }
        } catch {
            if let closable = iterator as? any _ClosableSource { await closable._closeForStream() }
            throw error
        }
        if stopped, let closable = iterator as? any _ClosableSource { await closable._closeForStream() }
    }

    /// Feeds the values of a synchronous generator (or any sequence) to the writer, in batches
    /// of ``syncBatchSize`` bytes or ``syncBatchDelay`` after the first value of a batch
    /// (checked between values); closes a generator that the stream stops early.
    @inlinable
    static func produceSync<Element>(
        next: () throws -> Element?,
        closable: (any _SyncClosableSource)?,
        into storage: _StreamingBodyStorage,
        encode: (Element, inout [UInt8]) throws -> Void
    ) async throws {
        var bytes: [UInt8] = []
        var batchStarted: ContinuousClock.Instant?
        defer { closable?._closeForStream() }
        do {
            while let value = try next() {
                try encode(value, &bytes)
                if bytes.count < syncBatchSize {
                    let now = ContinuousClock.now
                    guard let started = batchStarted else {
                        batchStarted = now
                        continue
                    }
                    if now - started < syncBatchDelay { continue }
                }
                batchStarted = nil
                guard await storage.produce(&bytes), !Task.isCancelled else { return }
            }
        } catch {
            // What was made before the failure is sent before it.
            if !bytes.isEmpty { _ = await storage.produce(&bytes) }
            throw error
        }
        if !bytes.isEmpty { _ = await storage.produce(&bytes) }
    }

    /// A synchronous generator's values go to the writer once this many bytes have gathered…
    @usableFromInline
    static let syncBatchSize = 8 * 1024
    /// …or once this long has passed since the first of them.
    @usableFromInline
    static let syncBatchDelay = Duration.milliseconds(10)
}
