/// Takes one element from each sequence in turn, skipping those that have
/// run out, until all have (more-itertools' `roundrobin` and
/// `interleave_longest`).
///
/// ```swift
/// print(String(roundRobin(["ABC", "D", "EF"])))   // ADEBFC
/// ```
///
/// - Returns: A lazy sequence that reads one element of one sequence per
///   element, and lets go of each sequence once it has run out.
/// - Complexity: O(*k*) to create, for *k* sequences; O(1) amortized per
///   element.
@inlinable
public func roundRobin<Base: Sequence>(_ sequences: some Sequence<Base>) -> RoundRobinSequence<Base> {
    RoundRobinSequence(bases: Array(sequences))
}

/// Several sequences' elements taken in turn; see ``roundRobin(_:)``.
public struct RoundRobinSequence<Base: Sequence> {
    @usableFromInline
    let bases: [Base]

    @inlinable
    init(bases: [Base]) {
        self.bases = bases
    }
}

extension RoundRobinSequence: Sequence {
    /// Cycles through the iterators that have not run out.
    public struct Iterator: IteratorProtocol {
        @usableFromInline
        var iterators: [Base.Iterator]
        @usableFromInline
        var position = 0

        @inlinable
        init(iterators: [Base.Iterator]) {
            self.iterators = iterators
        }

        @inlinable
        public mutating func next() -> Base.Element? {
            while !iterators.isEmpty {
                if position >= iterators.count { position = 0 }
                if let element = iterators[position].next() {
                    position += 1
                    return element
                }
                iterators.remove(at: position)
            }
            return nil
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(iterators: bases.map { $0.makeIterator() })
    }
}

extension RoundRobinSequence: Sendable where Base: Sendable {}
extension RoundRobinSequence.Iterator: Sendable where Base.Iterator: Sendable {}
