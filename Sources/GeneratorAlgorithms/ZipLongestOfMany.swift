/// Zips any number of sequences of one type until *all* of them run out,
/// with `nil` in place of each one that ran out (Python's
/// `itertools.zip_longest(*iterables)`).
///
/// ```swift
/// for row in zipLongest(["ABC", "xy", "1"]) {
///     print(String(row.map { $0 ?? "-" }))
/// }
/// // Ax1
/// // By-
/// // C--
/// ```
///
/// No sequences give no rows, as in Python. A sequence that has run out is
/// not read again, and is let go of at once.
///
/// - Returns: A lazy sequence of arrays with one entry per sequence, never
///   all `nil`.
/// - Complexity: O(*k*) to create and per row, for *k* sequences.
@inlinable
public func zipLongest<Base: Sequence>(_ sequences: some Sequence<Base>) -> ZipLongestOfManySequence<Base> {
    ZipLongestOfManySequence(Array(sequences))
}

/// Zips any number of sequences of one type until all of them run out,
/// with `fillValue` in place of each one that ran out (Python's
/// `itertools.zip_longest(*iterables, fillvalue=fillValue)`).
///
/// ```swift
/// print(Array(zipLongest([[1, 2, 3], [10], []], fillValue: 0)))
/// // [[1, 10, 0], [2, 0, 0], [3, 0, 0]]
/// ```
///
/// - Returns: A lazy sequence of arrays with one entry per sequence.
/// - Complexity: O(*k*) to create and per row, for *k* sequences.
@inlinable
public func zipLongest<Base: Sequence>(
    _ sequences: some Sequence<Base>,
    fillValue: Base.Element
) -> LazyMapSequence<ZipLongestOfManySequence<Base>, [Base.Element]> {
    ZipLongestOfManySequence(Array(sequences)).lazy.map { row in row.map { $0 ?? fillValue } }
}

/// Any number of sequences zipped up to the longest; see ``zipLongest(_:)``.
public struct ZipLongestOfManySequence<Base: Sequence> {
    @usableFromInline
    let bases: [Base]

    @inlinable
    init(_ bases: [Base]) {
        self.bases = bases
    }
}

extension ZipLongestOfManySequence: Sequence {
    /// Reads each sequence in turn for every row.
    public struct Iterator: IteratorProtocol {
        /// Each is `nil` once it has run out.
        @usableFromInline
        var iterators: [Base.Iterator?]
        /// How many have not run out.
        @usableFromInline
        var live: Int

        @inlinable
        init(_ iterators: [Base.Iterator]) {
            self.iterators = iterators
            self.live = iterators.count
        }

        @inlinable
        public mutating func next() -> [Base.Element?]? {
            guard live > 0 else { return nil }
            var row: [Base.Element?] = []
            row.reserveCapacity(iterators.count)
            for index in iterators.indices {
                let element = iterators[index]?.next()
                if element == nil, iterators[index] != nil {
                    iterators[index] = nil
                    live -= 1
                }
                row.append(element)
            }
            // When the last one runs out, the row holds only `nil`s: none.
            return live > 0 ? row : nil
        }
    }

    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(bases.map { $0.makeIterator() })
    }

    @inlinable
    public var underestimatedCount: Int {
        bases.lazy.map(\.underestimatedCount).max() ?? 0
    }
}

extension ZipLongestOfManySequence: Sendable where Base: Sendable {}
extension ZipLongestOfManySequence.Iterator: Sendable where Base.Iterator: Sendable, Base.Element: Sendable {}
