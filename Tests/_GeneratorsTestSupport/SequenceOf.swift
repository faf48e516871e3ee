/// A sequence whose iterator is whatever `make` returns, unwrapped (unlike
/// `AnySequence` and `IteratorSequence`, whose iterators are their own
/// types): to hand `yield(from:)` a ``Generators/ClosableIterator``.
public struct SequenceOf<Iterator: IteratorProtocol>: Sequence {
    private let make: () -> Iterator

    public init(_ make: @escaping () -> Iterator) {
        self.make = make
    }

    public func makeIterator() -> Iterator {
        make()
    }
}
