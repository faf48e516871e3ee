/// Pairs up the elements of two sequences until *both* run out, with `nil`
/// for the one that ran out first (Python's `itertools.zip_longest`).
///
/// ```swift
/// for (letter, number) in zipLongest(["a", "b", "c"], [1, 2]) {
///     print(letter ?? "-", number ?? 0)
/// }
/// // a 1
/// // b 2
/// // c 0
/// ```
///
/// Python pads with a `fillvalue`: ``zipLongest(_:_:fillValue:)`` does,
/// for two sequences of one element type, and `?? fill` at the use site
/// says the same for any two. ``zipLongest(_:)`` zips any number. A
/// sequence that has run out is not read again.
///
/// - Returns: A lazy sequence of `(first?, second?)` pairs, never `(nil, nil)`.
/// - Complexity: O(1) to create; O(1) per pair.
@inlinable
public func zipLongest<Sequence1: Sequence, Sequence2: Sequence>(
    _ sequence1: Sequence1,
    _ sequence2: Sequence2
) -> ZipLongestSequence<Sequence1, Sequence2> {
    ZipLongestSequence(sequence1, sequence2)
}

/// Pairs up the elements of two sequences of one element type until both
/// run out, with `fillValue` for the one that ran out first (Python's
/// `itertools.zip_longest(a, b, fillvalue=fillValue)`).
///
/// ```swift
/// print(Array(zipLongest([1, 2, 3], [10], fillValue: 0)))
/// // [(1, 10), (2, 0), (3, 0)]
/// ```
///
/// - Returns: A lazy sequence of pairs.
/// - Complexity: O(1) to create; O(1) per pair.
@inlinable
public func zipLongest<Sequence1: Sequence, Sequence2: Sequence>(
    _ sequence1: Sequence1,
    _ sequence2: Sequence2,
    fillValue: Sequence1.Element
) -> LazyMapSequence<ZipLongestSequence<Sequence1, Sequence2>, (Sequence1.Element, Sequence1.Element)>
where Sequence1.Element == Sequence2.Element {
    ZipLongestSequence(sequence1, sequence2).lazy.map { ($0 ?? fillValue, $1 ?? fillValue) }
}

/// Two sequences paired up to the longer one; see
/// ``zipLongest(_:_:)``.
public struct ZipLongestSequence<Sequence1: Sequence, Sequence2: Sequence> {
    @usableFromInline
    let sequence1: Sequence1
    @usableFromInline
    let sequence2: Sequence2

    @inlinable
    init(_ sequence1: Sequence1, _ sequence2: Sequence2) {
        self.sequence1 = sequence1
        self.sequence2 = sequence2
    }
}

extension ZipLongestSequence: Sequence {
    /// Reads the first sequence, then the second, for every pair.
    public struct Iterator: IteratorProtocol {
        /// Each is `nil` once it has run out.
        @usableFromInline
        var iterator1: Sequence1.Iterator?
        @usableFromInline
        var iterator2: Sequence2.Iterator?

        @inlinable
        init(_ iterator1: Sequence1.Iterator, _ iterator2: Sequence2.Iterator) {
            self.iterator1 = iterator1
            self.iterator2 = iterator2
        }

        @inlinable
        public mutating func next() -> (Sequence1.Element?, Sequence2.Element?)? {
            let first = iterator1?.next()
            if first == nil { iterator1 = nil }
            let second = iterator2?.next()
            if second == nil { iterator2 = nil }
            if first == nil && second == nil { return nil }
            return (first, second)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(sequence1.makeIterator(), sequence2.makeIterator())
    }

    @inlinable
    public var underestimatedCount: Int {
        Swift.max(sequence1.underestimatedCount, sequence2.underestimatedCount)
    }
}

extension ZipLongestSequence: Sendable where Sequence1: Sendable, Sequence2: Sendable {}
extension ZipLongestSequence.Iterator: Sendable
where
    Sequence1.Iterator: Sendable, Sequence2.Iterator: Sendable,
    Sequence1.Element: Sendable, Sequence2.Element: Sendable
{}
