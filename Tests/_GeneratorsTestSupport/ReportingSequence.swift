/// A single-pass sequence over fixed elements that records every pull, to
/// check that an operator reads exactly what it needs (like Python's
/// itertools) and nothing ahead.
///
/// It is a class, so every iterator made from it shares one position, as
/// a generator's would.
public final class ReportingSequence<Element>: Sequence, IteratorProtocol {
    private let elements: [Element]
    private var position = 0
    /// How many times `next()` was called, including calls at the end.
    public private(set) var pulls = 0
    /// How many times `next()` was called after it had returned `nil`.
    public private(set) var pullsAfterEnd = 0

    public init(_ elements: some Sequence<Element>) {
        self.elements = Array(elements)
    }

    public func next() -> Element? {
        pulls += 1
        guard position < elements.count else {
            if position > elements.count { pullsAfterEnd += 1 }
            position = elements.count + 1
            return nil
        }
        defer { position += 1 }
        return elements[position]
    }

    public func makeIterator() -> ReportingSequence<Element> {
        self
    }
}
