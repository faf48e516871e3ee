import Foundation

/// Runs blocking `work` (waiting for a child process, sleeping) on a thread
/// of its own and returns what it returns.
///
/// A test that blocks holds one of the cooperative pool's threads, and a
/// two-core machine has two: two such tests at once stall every other test's
/// tasks, and their timeouts fire (the debug build under ThreadSanitizer,
/// where `gen` runs slowly, stalled them for 100 s).
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
