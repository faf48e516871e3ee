/// An iterator over fixed elements that records, in an ``EventLog``, when it
/// is released: to check that an operator lets go of its base as soon as it
/// is done with it (a generator there would be closed then).
public struct ReleaseWitnessIterator<Element>: IteratorProtocol {
    private final class Witness {
        let log: EventLog
        init(_ log: EventLog) { self.log = log }
        deinit { log.record("released") }
    }

    private var elements: IndexingIterator<[Element]>
    private let witness: Witness

    public init(_ elements: [Element], log: EventLog) {
        self.elements = elements.makeIterator()
        self.witness = Witness(log)
    }

    public mutating func next() -> Element? {
        elements.next()
    }
}

/// A sequence whose iterator is a ``ReleaseWitnessIterator``.
public struct ReleaseWitnessSequence<Element>: Sequence {
    private let elements: [Element]
    private let log: EventLog

    public init(_ elements: [Element], log: EventLog) {
        self.elements = elements
        self.log = log
    }

    public func makeIterator() -> ReleaseWitnessIterator<Element> {
        ReleaseWitnessIterator(elements, log: log)
    }
}
