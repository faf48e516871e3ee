#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value behind a `pthread_mutex_t`.
///
/// Used instead of `Synchronization.Mutex` because ThreadSanitizer sees the
/// pthread calls but not `Mutex`'s futex-based atomics (which live in an
/// uninstrumented library), so with `Mutex` every access it guards is
/// reported as a race under `--sanitize=thread`.
///
/// `package`: GeneratorAlgorithms uses it too; it is not API.
@usableFromInline
package final class Locked<State>: @unchecked Sendable {
    // Safety: `state` is only touched inside `withLock`, which holds the (never moving) mutex.
    // @exclusivity(unchecked): the lock gives that exclusivity; the dynamic check cost
    // about 75 instructions a call (swift_beginAccess, its access set) on every hand-off.
    @usableFromInline @exclusivity(unchecked)
    var state: State
    @usableFromInline
    let mutex: UnsafeMutablePointer<pthread_mutex_t>

    @inlinable
    package init(_ state: State) {
        self.state = state
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed: \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the state, holding the lock. `body` must not suspend
    /// or call code that takes this lock.
    @inlinable
    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
