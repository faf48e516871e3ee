import Foundation
import Synchronization

/// Holds a reference on a thread of its own and drops it when told, after a
/// relaxed flag: nothing orders the drop after the caller's accesses but the
/// object's reference count, which ThreadSanitizer cannot see. When the
/// caller has dropped its own references first, the object is deinitialized
/// on that thread.
///
/// ```swift
/// let dropper = LastReferenceDropper(holding: generator!)
/// generator = nil
/// dropper.dropAndWait()   // the generator's deinit ran on the dropper's thread
/// ```
final class LastReferenceDropper: @unchecked Sendable {
    // Safety: `object` is set before the thread starts and then touched only
    // by it; `thread` is set by that thread before it drops the object, and
    // read by code the drop runs.
    private var object: AnyObject?
    private var thread: pthread_t?
    private let go = Atomic<Bool>(false)
    private let dropped = DispatchSemaphore(value: 0)

    init(holding object: AnyObject) {
        self.object = object
        Thread { [self] in
            thread = pthread_self()
            while !go.load(ordering: .relaxed) { sched_yield() }
            self.object = nil
            dropped.signal()
        }.start()
    }

    /// Tells the thread to drop its reference, and waits until it has.
    func dropAndWait() {
        go.store(true, ordering: .relaxed)
        dropped.wait()
    }

    /// Whether the caller runs on the dropper's thread: for code the drop
    /// runs, such as a generator body's cleanup.
    var isDroppingThread: Bool {
        guard let thread else { return false }
        return pthread_equal(pthread_self(), thread) != 0
    }
}
