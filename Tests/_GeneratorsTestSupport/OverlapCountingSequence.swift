import Synchronization

/// An async sequence of `range` whose iterator counts how many of its
/// `next()` calls were ever under way at once, and from how many tasks
/// (each call suspends once in the middle, to widen the window).
///
/// An operator that reads its base from several tasks in turn must keep
/// `mostAtOnce` at 1. `liveIterators` counts the iterators not released yet.
public struct OverlapCountingSequence: AsyncSequence, Sendable {
    public typealias Element = Int

    /// What the iterators of one sequence saw.
    public final class Counts: Sendable {
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        /// One `LifetimeTracked` per iterator, released with it.
        let iterators = LifetimeTracked.Pool()

        /// The most `next()` calls under way at once.
        public var mostAtOnce: Int { most.load(ordering: .sequentiallyConsistent) }
        /// The iterators made and not released yet (some copy of each is alive).
        public var liveIterators: Int { iterators.instances }
    }

    public let range: Range<Int>
    public let counts = Counts()

    public init(_ range: Range<Int>) {
        self.range = range
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var next: Int
        let end: Int
        let counts: Counts
        let lifetime: LifetimeTracked

        public mutating func next() async -> Int? {
            let now = counts.running.add(1, ordering: .sequentiallyConsistent).newValue
            counts.most.max(now, ordering: .sequentiallyConsistent)
            await Task.yield()
            counts.running.subtract(1, ordering: .sequentiallyConsistent)
            guard next < end else { return nil }
            defer { next += 1 }
            return next
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            next: range.lowerBound,
            end: range.upperBound,
            counts: counts,
            lifetime: LifetimeTracked(0, in: counts.iterators)
        )
    }
}
