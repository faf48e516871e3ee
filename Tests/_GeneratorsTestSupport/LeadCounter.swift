import Foundation

/// How far one side got ahead of another: a producer ahead of its consumer,
/// or one branch of a tee ahead of another. (An `NSLock`, which
/// ThreadSanitizer sees; it does not see `Mutex`.)
public final class LeadCounter: @unchecked Sendable {
    // Safety: every access holds `lock`.
    private let lock = NSLock()
    private var counts = [0, 0]
    private var largest = 0

    public init() {}

    /// Counts one step of the side ahead (`side` 0) or behind (`side` 1).
    public func record(_ side: Int) {
        lock.withLock {
            counts[side] += 1
            largest = max(largest, counts[0] - counts[1])
        }
    }

    /// The most steps side 0 was ever ahead of side 1.
    public var largestLead: Int { lock.withLock { largest } }
}
