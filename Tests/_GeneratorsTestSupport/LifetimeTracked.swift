import Synchronization

/// A value that counts how many of its kind are alive, to prove that a
/// generator releases everything its stack held, however it ended.
public final class LifetimeTracked: Sendable {
    /// Counts the live objects made with it. A test that checks the count
    /// uses a pool of its own: tests of other suites run at the same time.
    public final class Pool: Sendable {
        fileprivate let live = Atomic<Int>(0)

        public init() {}

        /// How many objects of this pool are alive now.
        public var instances: Int { live.load(ordering: .sequentiallyConsistent) }
    }

    /// The pool of objects made without one (nothing counts it).
    public static let shared = Pool()

    public let value: Int
    private let pool: Pool

    public init(_ value: Int, in pool: Pool = LifetimeTracked.shared) {
        self.value = value
        self.pool = pool
        pool.live.add(1, ordering: .sequentiallyConsistent)
    }

    deinit {
        pool.live.subtract(1, ordering: .sequentiallyConsistent)
    }
}
