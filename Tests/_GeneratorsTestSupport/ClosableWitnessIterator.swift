import Generators

/// A ``ClosableIterator`` over fixed elements that records its `close()` in
/// an ``EventLog``, and throws `closeError` from it when one is given.
public struct ClosableWitnessIterator<Element>: ClosableIterator {
    private var elements: IndexingIterator<[Element]>
    private let log: EventLog
    private let closeError: TestError?
    private var closed = false

    public init(_ elements: [Element], log: EventLog, closeError: TestError? = nil) {
        self.elements = elements.makeIterator()
        self.log = log
        self.closeError = closeError
    }

    public mutating func next() -> Element? {
        closed ? nil : elements.next()
    }

    public mutating func close() throws {
        guard !closed else { return }
        closed = true
        log.record("iterator closed")
        if let closeError { throw closeError }
    }
}
