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
/// The generator is created when ``write(_:)`` starts (never for a response that is not sent,
/// such as the answer to `HEAD`) and runs in a task of its own, on the global concurrent
/// executor, never on a framework's event loop. It hands its encoded bytes to the writer through
/// one buffer: a writer that keeps up gets each value as soon as it is made; while a write is
/// in progress, values gather into the next write, and the generator parks once
/// ``highWaterMark`` bytes wait. So the generator is never more than `highWaterMark` bytes (plus
/// one value) ahead of the bytes the framework has accepted, and advances only as fast as the
/// client reads.
///
/// When the writer throws (the client left), when the task that calls ``write(_:)`` is
/// cancelled (a framework's "inbound closed" signal), or when a write makes no progress for
/// ``sendTimeout``, the generator is closed: an async generator is cancelled if it is inside an
/// `await`, or closed at its `yield` (its `defer` and `tryFinally`
/// cleanup run), and a synchronous generator is closed between two values. ``write(_:)`` returns
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
    /// How many bytes may wait for the writer before the generator parks. Defaults to 64 KiB.
    public var highWaterMark: Int = 64 * 1024

    /// The media type of the body (`text/event-stream`, `application/jsonl`, …).
    public let contentType: String

    /// How a body that was written to its end ended.
    public enum Outcome: Sendable {
        /// The generator finished.
        case finished
        /// The generator threw; for events, the error event was sent after the events before.
        case failed(any Error)
    }

    /// Writes the producer's encoded bytes into the shared buffer.
    let produce: @Sendable (_StreamingBodyStorage) async throws -> Void
    /// What a heartbeat writes; `nil` when the format has none.
    let heartbeatBytes: [UInt8]?
    /// What ends a failed stream in-band (an error event); `nil` when a failure must abort the
    /// response instead.
    let failureBytes: (@Sendable (any Error) -> [UInt8])?

    init(
        contentType: String,
        heartbeat: Duration?,
        heartbeatBytes: [UInt8]?,
        failureBytes: (@Sendable (any Error) -> [UInt8])?,
        produce: @escaping @Sendable (_StreamingBodyStorage) async throws -> Void
    ) {
        self.contentType = contentType
        self.heartbeat = heartbeat == .zero ? nil : heartbeat
        self.sendTimeout = .seconds(30)
        self.heartbeatBytes = heartbeatBytes
        self.failureBytes = failureBytes
        self.produce = produce
    }

    /// Runs the generator and passes its bytes to `write` until the stream ends.
    ///
    /// `write` is called from one task at a time, never concurrently, with batches of whole
    /// values (whole events, whole lines). It should return once the framework has accepted the
    /// bytes (its own backpressure), and throw when the client is gone.
    ///
    /// - Returns: ``Outcome/finished``, or ``Outcome/failed(_:)`` for events whose generator
    ///   threw (the error event was written).
    /// - Throws: ``StreamingBodyError/sourceFailed(_:)`` for chunks and JSON Lines whose
    ///   generator threw (the framework should end the connection without ending the body, so
    ///   that the client sees a failure), ``StreamingBodyError/sendTimedOut(_:)``, what `write`
    ///   threw, or `CancellationError`.
    public func write(_ write: ([UInt8]) async throws -> Void) async throws -> Outcome {
        let storage = _StreamingBodyStorage(
            highWaterMark: max(1, highWaterMark),
            heartbeat: heartbeatBytes == nil ? nil : heartbeat,
            sendTimeout: sendTimeout
        )
        let produce = self.produce
        let heartbeatBytes = self.heartbeatBytes
        let failureBytes = self.failureBytes
        let hasTimer = storage.heartbeat != nil || storage.sendTimeout != nil
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
                if hasTimer {
                    group.addTask {
                        try await storage.runTimer()
                        return nil
                    }
                }
                group.addTask {
                    try await Self.drain(
                        storage,
                        heartbeatBytes: heartbeatBytes,
                        failureBytes: failureBytes,
                        write: writer.value
                    )
                }
                while let result = try await group.next() {
                    if let outcome = result {
                        group.cancelAll()
                        return outcome
                    }
                }
                preconditionFailure("the writer task ended without an outcome")
            }
        }
    }

    /// The writer's loop: takes what the producer made and writes it.
    private static func drain(
        _ storage: _StreamingBodyStorage,
        heartbeatBytes: [UInt8]?,
        failureBytes: (@Sendable (any Error) -> [UInt8])?,
        write: ([UInt8]) async throws -> Void
    ) async throws -> Outcome {
        var spare: [UInt8] = []
        while true {
            switch await storage.take(reusing: &spare) {
            case .bytes(let bytes):
                storage.writeStarted()
                try await write(bytes)
                storage.writeEnded()
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

    /// Feeds the values of a synchronous generator (or any sequence) to the writer; closes a
    /// generator that the stream stops early.
    static func produceSync<Element>(
        next: () throws -> Element?,
        closable: (any _SyncClosableSource)?,
        into storage: _StreamingBodyStorage,
        encode: (Element, inout [UInt8]) throws -> Void
    ) async throws {
        var bytes: [UInt8] = []
        defer { closable?._closeForStream() }
        while let value = try next() {
            try encode(value, &bytes)
            guard await storage.produce(&bytes), !Task.isCancelled else { return }
        }
    }
}
