import Generators

extension StreamingBody {
    /// The media type of Server-Sent Events.
    public static let eventStreamContentType = "text/event-stream"

    /// The error event sent by default when an event stream's generator throws: `event: error`
    /// with empty data. It says nothing of the error, which is logged on the server.
    public static let defaultErrorEvent = ServerSentEvent(event: "error", data: "")

    /// The high-water mark of event streams: 4 KiB, where chunks have 64 KiB.
    ///
    /// Under a load that keeps every core busy, a new stream's first event waits behind what the
    /// open streams have buffered: with 100 streams as fast as their clients read, a new
    /// stream's first event came after 156 ms (99th percentile) with 64 KiB, 45 ms with 4 KiB,
    /// for 35% fewer events a second (`Benchmarks/run --only web`). Events are usually about
    /// latency, downloads about throughput.
    public static let eventsHighWaterMark = 4 * 1024

    /// The event sent by default when the server shuts down while an event stream is open:
    /// `event: shutdown` with empty data.
    public static let defaultShutdownEvent = ServerSentEvent(event: "shutdown", data: "")

    /// A body of Server-Sent Events (`text/event-stream`) from an async generator (or any async
    /// sequence) of events, each sent as soon as the client can take it: sse-starlette's
    /// `EventSourceResponse`.
    ///
    /// ```swift
    /// let ticks = StreamingBody.events {
    ///     AsyncGenerator<ServerSentEvent> { g in
    ///         for i in 0..<10 {
    ///             try await g.yield(ServerSentEvent(id: "\(i)", data: "\(i)"))
    ///             try await Task.sleep(for: .seconds(1))
    ///         }
    ///     }
    /// }
    /// // id: 0
    /// // data: 0
    /// //
    /// // id: 1 …
    /// ```
    ///
    /// - Parameters:
    ///   - heartbeat: After this long with nothing sent, a comment line (`: ping`) is sent, so
    ///     that proxies and browsers keep the connection; `nil` or zero for none.
    ///   - errorEvent: What to send when the generator throws, after the events before it; the
    ///     stream then ends normally (the browser's `EventSource` reconnects, sending the last id
    ///     it received). `nil` sends nothing.
    ///   - shutdownEvent: What to send when the server shuts down (``ShutdownSignal``) before
    ///     the generator ends; the generator is then closed and the stream ends normally.
    ///   - makeSource: Makes the generator when the body starts to be written.
    /// - Important: An event whose `id` or `event` cannot be written (``ServerSentEventError``)
    ///   ends the stream as a generator error does.
    @inlinable
    public static func events<Source: AsyncSequence & SendableMetatype>(
        heartbeat: Duration? = .seconds(15),
        errorEvent: (@Sendable (any Error) -> ServerSentEvent?)? = { _ in StreamingBody.defaultErrorEvent },
        shutdownEvent: ServerSentEvent = StreamingBody.defaultShutdownEvent,
        _ makeSource: @escaping @Sendable () async throws -> Source
    ) -> StreamingBody where Source.Element == ServerSentEvent {
        StreamingBody(
            contentType: eventStreamContentType,
            heartbeat: heartbeat,
            heartbeatBytes: Array(": ping\n\n".utf8),
            failureBytes: { error in
                guard let event = errorEvent?(error) else { return [] }
                return (try? event.encoded()) ?? (try? defaultErrorEvent.encoded()) ?? []
            },
            shutdownBytes: (try? shutdownEvent.encoded()) ?? (try? defaultShutdownEvent.encoded()),
            highWaterMark: eventsHighWaterMark
        ) { storage in
            try await produceAsync(try await makeSource(), into: storage) { event, bytes in
                try event.encode(into: &bytes)
            }
        }
    }
}
