#if Hummingbird
    public import GeneratorsWeb
    public import HTTPTypes
    public import Hummingbird
    import Logging
    import ServiceLifecycle

    /// A Hummingbird response whose body a generator makes while it is sent: chunks or JSON
    /// Lines, from a `StreamingBody`. Starlette's `StreamingResponse`.
    ///
    /// ```swift
    /// router.get("squares.csv") { _, _ in
    ///     StreamingResponse(.chunks(contentType: "text/csv") {
    ///         Generator<String> { g in
    ///             try g.yield("n,square\n")
    ///             for n in 1...1_000_000 { try g.yield("\(n),\(n * n)\n") }
    ///         }
    ///     })
    /// }
    /// ```
    ///
    /// The body is sent with chunked transfer encoding, at the pace the client reads. The
    /// generator is made when the body starts to be sent (never for `HEAD`), and closed, with its
    /// cleanup awaited, when the client disconnects (even while the generator waits in an
    /// `await`), when the client stops reading for the body's send timeout, or when the server
    /// shuts down gracefully. A generator that throws ends the connection without the body's
    /// last chunk, so the client sees a failure rather than a short file; the error is logged.
    ///
    /// - Important: The handler must not have replaced the request's body (reading it is
    ///   fine): Hummingbird's disconnect detection, which this response uses, traps on a body a
    ///   middleware swapped for another.
    public struct StreamingResponse: ResponseGenerator, Sendable {
        /// The body: its generator, content type, heartbeat, send timeout and high-water mark.
        public var body: StreamingBody
        /// The response status.
        public var status: HTTPResponse.Status
        /// Headers to send besides `Content-Type` (from the body), `X-Accel-Buffering: no` and
        /// `X-Content-Type-Options: nosniff`.
        public var headers: HTTPFields

        /// A response of `body`.
        public init(_ body: StreamingBody, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) {
            self.body = body
            self.status = status
            self.headers = headers
        }

        public func response(from request: Request, context: some RequestContext) throws -> Response {
            _streamedResponse(body, status: status, headers: headers, request: request, logger: context.logger)
        }
    }

    /// The response every streamed body gets: headers now, the body when Hummingbird writes it,
    /// stopped when the client's side of the connection closes.
    func _streamedResponse(
        _ body: StreamingBody,
        status: HTTPResponse.Status,
        headers extraHeaders: HTTPFields,
        request: Request,
        logger: Logger
    ) -> Response {
        var headers = extraHeaders
        headers[.contentType] = body.contentType
        headers[_xAccelBuffering] = "no"
        // A browser sniffs the first kilobyte of a body whose type it may second-guess
        // (`text/plain`) before it hands any of it to the page: that would hold the first
        // values back.
        if headers[.xContentTypeOptions] == nil { headers[.xContentTypeOptions] = "nosniff" }
        if body.contentType == StreamingBody.eventStreamContentType, headers[.cacheControl] == nil {
            headers[.cacheControl] = "no-cache"
        }
        guard request.method != .head else {
            return Response(status: status, headers: headers, body: ResponseBody())
        }
        return Response(
            status: status,
            headers: headers,
            body: ResponseBody { writer in
                let shutdown = StreamingBody.ShutdownSignal()
                let disconnect = StreamingBody.DisconnectSignal()
                let outcome: StreamingBody.Outcome
                do {
                    outcome = try await withGracefulShutdownHandler {
                        // Not `consumeWithCancellationOnInboundClose`: it cancels through
                        // another task group, two more tasks and a stream (4.8 KB more per
                        // open stream, measured); the signal stops the body's own tasks.
                        try await request.body.consumeWithInboundCloseHandler { _ in
                            try await body.write(shutdown: shutdown, disconnect: disconnect) { bytes in
                                try await writer.write(ByteBuffer(bytes: bytes))
                            }
                        } onInboundClosed: {
                            disconnect.trigger()
                        }
                    } onGracefulShutdown: {
                        shutdown.trigger()
                    }
                } catch {
                    _log(error, of: request, to: logger)
                    throw error
                }
                switch outcome {
                case .finished:
                    break
                case .failed(let error):
                    logger.error(
                        "the event stream's generator failed; the error event was sent",
                        metadata: ["error": "\(error)", "path": "\(request.uri.path)"]
                    )
                case .shutDown:
                    logger.debug(
                        "event stream ended by the server's shutdown",
                        metadata: ["path": "\(request.uri.path)"]
                    )
                }
                try await writer.finish(nil)
            }
        )
    }

    let _xAccelBuffering = HTTPField.Name("X-Accel-Buffering")!

    /// Logs why a stream ended early, at the level it deserves: the client leaving is routine.
    private func _log(_ error: any Error, of request: Request, to logger: Logger) {
        let path: Logger.Metadata = ["path": "\(request.uri.path)"]
        switch error {
        case StreamingBodyError.sourceFailed(let cause):
            logger.error(
                "the stream's generator failed; the connection ends without the body's end",
                metadata: path.merging(["error": "\(cause)"]) { $1 }
            )
        case StreamingBodyError.sendTimedOut(let timeout):
            logger.notice("the client read nothing for \(timeout); dropped", metadata: path)
        case StreamingBodyError.shutDown:
            logger.notice("the server shut down before the body was complete", metadata: path)
        case is CancellationError:
            logger.debug("the client left; its generator was closed", metadata: path)
        default:
            logger.debug("the stream ended: \(error)", metadata: path)
        }
    }
#endif
