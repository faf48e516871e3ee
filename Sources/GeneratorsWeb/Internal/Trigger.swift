import Generators

/// Handlers run once, when a signal is triggered: the shared part of
/// `StreamingBody.ShutdownSignal` and `StreamingBody.DisconnectSignal`.
final class _Trigger: Sendable {
    private let state = Locked<(triggered: Bool, handlers: [@Sendable () -> Void])>((false, []))

    /// Runs the handlers; later calls do nothing.
    func trigger() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            if state.triggered { return [] }
            state.triggered = true
            defer { state.handlers = [] }
            return state.handlers
        }
        for handler in handlers { handler() }
    }

    /// Runs `handler` when triggered, or now if it was.
    func onTrigger(_ handler: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.triggered { return true }
            state.handlers.append(handler)
            return false
        }
        if now { handler() }
    }
}
