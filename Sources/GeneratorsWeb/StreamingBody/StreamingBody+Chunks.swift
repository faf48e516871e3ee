import Generators

extension StreamingBody {
    /// A body of the chunks a synchronous generator (or any sequence) yields, sent as they are
    /// made: Starlette's `StreamingResponse` over a generator.
    ///
    /// ```swift
    /// let csv = StreamingBody.chunks(contentType: "text/csv") {
    ///     Generator<String> { g in
    ///         try g.yield("n,square\n")
    ///         for n in 1...1_000_000 { try g.yield("\(n),\(n * n)\n") }
    ///     }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - contentType: The media type; `application/octet-stream` by default.
    ///   - makeSource: Makes the generator, once, when the body starts to be written.
    /// - Important: The generator runs on the global concurrent executor, between writes; a
    ///   `next()` that blocks (reads a file, sleeps) holds one of its threads while it does.
    ///   It is closed between two values when the stream stops early.
    @inlinable
    public static func chunks<Source: Sequence & SendableMetatype>(
        contentType: String = "application/octet-stream",
        _ makeSource: @escaping @Sendable () -> Source
    ) -> StreamingBody where Source.Element: ResponseChunk {
        ofSequence(contentType: contentType, makeSource) { chunk, bytes in chunk.appendBytes(to: &bytes) }
    }

    /// A body of the chunks a throwing generator yields; when it throws, the body ends without
    /// its end (``write(shutdown:disconnect:_:)`` throws ``StreamingBodyError/sourceFailed(_:)``).
    ///
    /// ```swift
    /// let rows = StreamingBody.chunks(contentType: "text/csv") {
    ///     ThrowingGenerator<String> { g in
    ///         for row in try database.rows() { try g.yield(row.csvLine) }
    ///     }
    /// }
    /// ```
    @inlinable
    public static func chunks<Chunk: ResponseChunk & SendableMetatype>(
        contentType: String = "application/octet-stream",
        _ makeSource: @escaping @Sendable () -> ThrowingGenerator<Chunk>
    ) -> StreamingBody {
        StreamingBody(contentType: contentType, heartbeat: nil, heartbeatBytes: nil, failureBytes: nil) {
            storage in
            let generator = makeSource()
            try await produceSync(
                next: { try generator.next() },
                closable: generator,
                into: storage,
                encode: { chunk, bytes in chunk.appendBytes(to: &bytes) }
            )
        }
    }

    /// A body of the chunks an async generator (or any async sequence) yields, each sent as soon
    /// as the client can take it.
    ///
    /// ```swift
    /// let ticks = StreamingBody.chunks(contentType: "text/plain") {
    ///     AsyncGenerator<String> { g in
    ///         for i in 0..<10 {
    ///             try await g.yield("\(i)\n")
    ///             try await Task.sleep(for: .seconds(1))
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// - Important: When the stream stops early, an `AsyncGenerator` is cancelled inside its
    ///   `await`, or closed at its `yield`, and ``write(shutdown:disconnect:_:)`` waits for its cleanup. Another
    ///   async sequence is cancelled, and its iterator dropped.
    @inlinable
    public static func chunks<Source: AsyncSequence & SendableMetatype>(
        contentType: String = "application/octet-stream",
        _ makeSource: @escaping @Sendable () async throws -> Source
    ) -> StreamingBody where Source.Element: ResponseChunk {
        ofAsyncSequence(contentType: contentType, makeSource) { chunk, bytes in chunk.appendBytes(to: &bytes) }
    }
}
