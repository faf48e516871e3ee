import Foundation

/// An event log that generator bodies running in other tasks can append to,
/// and that a test can wait on ("wait until this event has happened")
/// without any timing. (An `NSLock`, which ThreadSanitizer sees.)
public final class AsyncEventLog: @unchecked Sendable {
    // Safety: every access to `storage` holds `lock`.
    private let lock = NSLock()
    private var storage: (events: [String], waiters: [(String, CheckedContinuation<Void, Never>)]) = ([], [])

    public init() {}

    public var events: [String] { lock.withLock { storage.events } }

    public func record(_ event: String) {
        let ready = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            storage.events.append(event)
            let matching = storage.waiters.filter { $0.0 == event }.map(\.1)
            storage.waiters.removeAll { $0.0 == event }
            return matching
        }
        for waiter in ready { waiter.resume() }
    }

    /// Returns once `event` has been recorded.
    public func waitFor(_ event: String) async {
        await withCheckedContinuation { continuation in
            let done = lock.withLock { () -> Bool in
                if storage.events.contains(event) { return true }
                storage.waiters.append((event, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}
