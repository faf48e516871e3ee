import Synchronization

/// An event log that generator bodies running in other tasks can append to,
/// and that a test can wait on ("wait until this event has happened")
/// without any timing.
public final class AsyncEventLog: Sendable {
    private let state = Mutex<(events: [String], waiters: [(String, CheckedContinuation<Void, Never>)])>(([], []))

    public init() {}

    public var events: [String] { state.withLock { $0.events } }

    public func record(_ event: String) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.events.append(event)
            let matching = state.waiters.filter { $0.0 == event }.map(\.1)
            state.waiters.removeAll { $0.0 == event }
            return matching
        }
        for waiter in ready { waiter.resume() }
    }

    /// Returns once `event` has been recorded.
    public func waitFor(_ event: String) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.events.contains(event) { return true }
                state.waiters.append((event, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}
