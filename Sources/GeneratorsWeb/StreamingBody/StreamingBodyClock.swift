import Foundation

/// One thread that keeps the time of every streamed body: heartbeats and send timeouts.
///
/// A timer task per stream would cost each open stream a task and its sleep (about 3 KB, the
/// web benchmark measured); here a stream costs one entry in a heap while it waits. An entry
/// holds its body weakly, and a body keeps at most one live entry: it schedules a deadline
/// only when it has none or the new one is earlier, and the clock drops entries whose
/// deadline the body no longer expects (``_StreamingBodyStorage/clockFired(scheduledFor:at:)``
/// returns `nil` for them). So a busy stream reschedules about once per heartbeat interval,
/// not once per write.
final class _StreamingBodyClock: @unchecked Sendable {
    // Safety: `heap` and `threadStarted` are only touched while `condition` is locked.
    private let condition = NSCondition()
    private var heap: [Entry] = []
    private var threadStarted = false

    /// The clock of the process; its thread starts with the first deadline.
    static let shared = _StreamingBodyClock()

    private struct Entry {
        let deadline: ContinuousClock.Instant
        weak var storage: _StreamingBodyStorage?
    }

    /// Calls `storage` back at `deadline` (or a moment after).
    func schedule(_ storage: _StreamingBodyStorage, at deadline: ContinuousClock.Instant) {
        condition.lock()
        push(Entry(deadline: deadline, storage: storage))
        if !threadStarted {
            threadStarted = true
            let thread = Thread { [self] in run() }
            thread.name = "swift-generators web clock"
            thread.start()
        } else if heap[0].deadline == deadline {
            condition.signal()
        }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            guard let first = heap.first else {
                condition.wait()
                continue
            }
            let now = ContinuousClock.now
            if first.deadline > now {
                // At most a second at a time: `NSCondition` waits by the wall clock, which
                // may be set back.
                let wait = min(first.deadline - now, .seconds(1))
                let (seconds, attoseconds) = wait.components
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) * 1e-18))
                continue
            }
            let due = popFirst()
            condition.unlock()
            let storage = due.storage
            let next = storage?.clockFired(scheduledFor: due.deadline, at: now)
            condition.lock()
            if let next, let storage { push(Entry(deadline: next, storage: storage)) }
        }
    }

    // MARK: - A binary min-heap by deadline

    private func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let right = left + 1
            let child = right < heap.count && heap[right].deadline < heap[left].deadline ? right : left
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            parent = child
        }
        return first
    }
}
