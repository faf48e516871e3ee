import Synchronization

/// An async sequence of `range` whose iterator counts how many of its
/// `next()` calls were ever under way at once, and from how many tasks
/// (each call suspends once in the middle, to widen the window).
///
/// An operator that reads its base from several tasks in turn must keep
/// `mostAtOnce` at 1. `released` counts the iterators that went away.
public struct OverlapCountingSequence: AsyncSequence, Sendable {
    public typealias Element = Int

    /// What the iterators of one sequence saw.
    public final class Counts: Sendable {
        let running = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let releasedIterators = Atomic<Int>(0)

        /// The most `next()` calls under way at once.
        public var mostAtOnce: Int { most.load(ordering: .sequentiallyConsistent) }
        /// The iterators released (the last copy of each went away).
        public var released: Int { releasedIterators.load(ordering: .sequentiallyConsistent) }
    }

    /// Counts its iterator's release.
    final class Lifetime: Sendable {
        let counts: Counts

        init(_ counts: Counts) {
            self.counts = counts
        }

        deinit {
            counts.releasedIterators.add(1, ordering: .sequentiallyConsistent)
        }
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
        let lifetime: Lifetime

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
        AsyncIterator(next: range.lowerBound, end: range.upperBound, counts: counts, lifetime: Lifetime(counts))
    }
}
