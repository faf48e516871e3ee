import Synchronization

/// A value that counts how many of its kind are alive, to prove that a
/// generator releases everything its stack held, however it ended.
public final class LifetimeTracked: Sendable {
    private static let live = Atomic<Int>(0)

    /// How many `LifetimeTracked` objects are alive now (all tests share it).
    public static var instances: Int { live.load(ordering: .sequentiallyConsistent) }

    public let value: Int

    public init(_ value: Int) {
        self.value = value
        Self.live.add(1, ordering: .sequentiallyConsistent)
    }

    deinit {
        Self.live.subtract(1, ordering: .sequentiallyConsistent)
    }
}
