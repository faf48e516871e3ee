extension StreamingBody {
    /// Tells a running body that its client has gone: a framework adapter triggers it when the
    /// connection's inbound side closes, so that a generator waiting in an `await` (with
    /// nothing to write, hence no failed write to notice the loss) is closed at once.
    ///
    /// ```swift
    /// let disconnect = StreamingBody.DisconnectSignal()
    /// connection.onClose { disconnect.trigger() }
    /// try await body.write(disconnect: disconnect) { bytes in try await send(bytes) }
    /// // throws CancellationError once the client is gone, after the generator's cleanup ran
    /// ```
    ///
    /// It does what cancelling the task that calls ``StreamingBody/write(shutdown:disconnect:_:)``
    /// does, without the task: a framework that cannot cancel its handler on a disconnect, or
    /// would need a task of its own to do it, triggers this instead.
    public final class DisconnectSignal: Sendable {
        let handlers = _Trigger()

        public init() {}

        /// Stops the bodies written with this signal; later calls do nothing.
        public func trigger() {
            handlers.trigger()
        }
    }
}
