/// Where the producer of a scoped async generator (see
/// ``withAsyncGenerator(of:name:isolation:_:consume:)``) waits for the first
/// `next()`: the child task is made when the scope starts, and the body
/// runs only when asked, as a lazy generator's does.
@usableFromInline
final class _AsyncStartGate: Sendable {
    @usableFromInline
    enum State {
        /// Not opened yet; the producer's continuation once it waits.
        case closed(UnsafeContinuation<Bool, Never>?)
        /// Opened: whether the body runs.
        case open(Bool)
    }

    @usableFromInline
    let state = Locked(State.closed(nil))

    @usableFromInline
    init() {}

    /// Waits until the gate opens; whether the body is to run.
    @usableFromInline
    func wait() async -> Bool {
        let run = await withUnsafeContinuation { continuation in
            let now: Bool? = state.withLock { state in
                switch state {
                case .open(let run):
                    return run
                case .closed:
                    state = .closed(continuation)
                    return nil
                }
            }
            if let now { continuation.resume(returning: now) }
        }
        _ThreadSanitizer.continuationAwaited()
        return run
    }

    /// Opens the gate, the body running or not; the first call decides.
    @usableFromInline
    func open(run: Bool) {
        let waiter: UnsafeContinuation<Bool, Never>? = state.withLock { state in
            guard case .closed(let waiter) = state else { return nil }
            state = .open(run)
            return waiter
        }
        waiter?.resume(returning: run)
    }
}
