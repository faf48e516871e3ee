extension StreamingBody {
    /// Tells running bodies that the server is shutting down: a framework adapter triggers it
    /// from its graceful-shutdown hook.
    ///
    /// ```swift
    /// let shutdown = StreamingBody.ShutdownSignal()
    /// async let outcome = body.write(shutdown: shutdown) { bytes in try await send(bytes) }
    /// shutdown.trigger()   // events: the shutdown event is sent, the generator closed
    /// ```
    ///
    /// What was produced before is written first. Then an event stream sends its shutdown
    /// event and `write` returns ``Outcome/shutDown``; chunks and JSON Lines throw
    /// ``StreamingBodyError/shutDown``.
    public final class ShutdownSignal: Sendable {
        let handlers = _Trigger()

        public init() {}

        /// Ends the bodies written with this signal; later calls do nothing.
        public func trigger() {
            handlers.trigger()
        }
    }
}
