/// The async generators started within one ``withAsyncGeneratorScope(isolation:_:)``:
/// how to close those still open, and how many bodies are still running.
///
/// Not API. Found through a task-local value, which the producer tasks
/// inherit, so generators started by other generators' bodies join too.
@usableFromInline
final class _AsyncGeneratorScope: Sendable {
    @TaskLocal
    @usableFromInline
    static var current: _AsyncGeneratorScope?

    @usableFromInline
    struct State: Sendable {
        /// One per generator started here, in start order: closes it if it
        /// is still alive (the reference is weak).
        var closers: [@Sendable () async -> Void] = []
        /// Bodies started here that have neither ended nor been abandoned.
        var running = 0
        /// The scope's end, waiting for `running` to reach zero.
        var waiter: UnsafeContinuation<Void, Never>?
        /// No more generators join once the scope is ending.
        var ending = false
    }

    let state = Locked(State())

    init() {}

    /// A generator's producer is starting within this scope.
    @usableFromInline
    func started<Yield, Sent, Failure>(_ generator: AsyncCoroutine<Yield, Sent, Failure>) {
        let name = generator.name
        let close: @Sendable () async -> Void = { [weak generator] in
            do {
                try await generator?.close()
            } catch {
                GeneratorRuntime.reportUnhandled(error, generator: name)
            }
        }
        state.withLock {
            $0.running += 1
            if !$0.ending { $0.closers.append(close) }
        }
    }

    /// A body started within this scope ended, or was abandoned (it will
    /// never end).
    @usableFromInline
    func bodyFinished() {
        let waiter = state.withLock { state -> UnsafeContinuation<Void, Never>? in
            state.running -= 1
            guard state.running == 0 else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Closes the generators still open, then waits for every body started
    /// here to end (the cleanup of dropped ones runs in the background).
    func end() async {
        var index = 0
        while let close = state.withLock({ index < $0.closers.count ? $0.closers[index] : nil }) {
            index += 1
            await close()
        }
        state.withLock { $0.ending = true }
        await withUnsafeContinuation { (waiter: UnsafeContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if state.running == 0 { return true }
                state.waiter = waiter
                return false
            }
            if ready { waiter.resume() }
        }
        _ThreadSanitizer.continuationAwaited()
    }
}
