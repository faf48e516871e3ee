/// Takes one element from each sequence in turn, and stops at the first
/// that runs out (more-itertools' `interleave`); ``roundRobin(_:)`` goes on
/// with the others instead.
///
/// ```swift
/// print(Array(interleave([[1, 2, 3], [4, 5], [6, 7, 8]])))   // [1, 4, 6, 2, 5, 7]
/// ```
///
/// Like Python, it reads a whole round (one element of each sequence)
/// before it yields any of it, so the elements read in the round where a
/// sequence runs out are dropped, and no sequence is read after that.
///
/// - Complexity: O(*k*) to create, for *k* sequences; O(1) amortized per
///   element, and O(*k*) memory for a round.
public func interleave<Base: Sequence>(_ sequences: some Sequence<Base>) -> InterleaveSequence<Base> {
    InterleaveSequence(bases: Array(sequences))
}

/// Several sequences' elements taken in turn until one runs out; see
/// ``interleave(_:)``.
public struct InterleaveSequence<Base: Sequence> {
    @usableFromInline
    let bases: [Base]

    @inlinable
    init(bases: [Base]) {
        self.bases = bases
    }
}

extension InterleaveSequence: Sequence {
    /// Reads a round from the iterators, then hands it out; lets go of all
    /// of them at the end.
    public struct Iterator: IteratorProtocol {
        @usableFromInline
        var iterators: [Base.Iterator]
        /// The round being handed out, backwards.
        @usableFromInline
        var round: [Base.Element] = []

        @inlinable
        init(iterators: [Base.Iterator]) {
            self.iterators = iterators
        }

        @inlinable
        public mutating func next() -> Base.Element? {
            if round.isEmpty {
                guard !iterators.isEmpty else { return nil }
                round.reserveCapacity(iterators.count)
                for index in iterators.indices {
                    guard let element = iterators[index].next() else {
                        iterators = []
                        round = []
                        return nil
                    }
                    round.append(element)
                }
                round.reverse()
            }
            return round.popLast()
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(iterators: bases.map { $0.makeIterator() })
    }
}

extension InterleaveSequence: Sendable where Base: Sendable {}
extension InterleaveSequence.Iterator: Sendable where Base.Iterator: Sendable, Base.Element: Sendable {}
