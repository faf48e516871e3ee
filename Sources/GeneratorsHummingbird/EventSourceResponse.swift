#if Hummingbird
    public import GeneratorsWeb
    public import HTTPTypes
    public import Hummingbird

    /// A Hummingbird response of Server-Sent Events from an async generator: sse-starlette's
    /// `EventSourceResponse`, with resumption from `Last-Event-ID`.
    ///
    /// ```swift
    /// router.get("ticks") { _, _ in
    ///     EventSourceResponse { lastEventID in
    ///         AsyncGenerator<ServerSentEvent> { g in
    ///             let start = lastEventID.value.flatMap { Int($0) }.map { $0 + 1 } ?? 0
    ///             for i in start..<10 {
    ///                 try await g.yield(ServerSentEvent(id: "\(i)", data: "\(i)"))
    ///                 try await Task.sleep(for: .seconds(1))
    ///             }
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// A browser that reconnects sends the id of the last event it received; the factory gets it
    /// as a `LastEventID` (`LastEventID/invalid(_:)` when the header is malformed or too
    /// long), so the generator resumes after it. Headers: `Content-Type: text/event-stream`,
    /// `Cache-Control: no-cache`, `X-Accel-Buffering: no`. A comment is sent after
    /// `heartbeat` of silence. A generator that throws ends the stream with the error event
    /// (logged); a graceful shutdown sends the shutdown event; a client that leaves, or stops
    /// reading for the send timeout, has its generator closed at once, its cleanup awaited.
    ///
    /// - Important: The handler must not have replaced the request's body (reading it is
    ///   fine): Hummingbird's disconnect detection traps on a body a middleware swapped.
    public struct EventSourceResponse: ResponseGenerator, Sendable {
        /// The response status.
        public var status: HTTPResponse.Status = .ok
        /// Headers to send besides those of the event stream.
        public var headers: HTTPFields = [:]
        /// How long one write may make no progress before the client is dropped; `nil` for no
        /// limit.
        public var sendTimeout: Duration? = .seconds(30)
        /// How many bytes of events may wait for the client before the generator parks
        /// (`StreamingBody/highWaterMark`); 4 KiB.
        public var highWaterMark = StreamingBody.eventsHighWaterMark
        /// The longest `Last-Event-ID` accepted, in UTF-8 bytes.
        public var maximumLastEventIDLength = LastEventID.defaultMaximumLength

        private let makeBody: @Sendable (LastEventID) -> StreamingBody

        /// A response of the events the generator that `makeEvents` returns yields.
        ///
        /// - Parameters:
        ///   - heartbeat: After this long with nothing sent, a comment line (`: ping`) is sent;
        ///     `nil` or zero for none. 15 seconds by default, as FastAPI and sse-starlette.
        ///   - errorEvent: What to send when the generator throws; `nil` sends nothing.
        ///   - shutdownEvent: What to send when the server shuts down gracefully.
        ///   - makeEvents: Makes the generator, given where the client left off.
        public init<Events: AsyncSequence & SendableMetatype>(
            heartbeat: Duration? = .seconds(15),
            errorEvent: (@Sendable (any Error) -> ServerSentEvent?)? = { _ in StreamingBody.defaultErrorEvent },
            shutdownEvent: ServerSentEvent = StreamingBody.defaultShutdownEvent,
            _ makeEvents: @escaping @Sendable (LastEventID) async throws -> Events
        ) where Events.Element == ServerSentEvent {
            makeBody = { lastEventID in
                StreamingBody.events(heartbeat: heartbeat, errorEvent: errorEvent, shutdownEvent: shutdownEvent) {
                    try await makeEvents(lastEventID)
                }
            }
        }

        public func response(from request: Request, context: some RequestContext) throws -> Response {
            let lastEventID = LastEventID(
                headerValues: request.headers[values: _lastEventIDHeader],
                maximumLength: maximumLastEventIDLength
            )
            var body = makeBody(lastEventID)
            body.sendTimeout = sendTimeout
            body.highWaterMark = highWaterMark
            return _streamedResponse(body, status: status, headers: headers, request: request, logger: context.logger)
        }
    }

    let _lastEventIDHeader = HTTPField.Name("Last-Event-ID")!
#endif
