/// An iterator that holds something to give back, and can be told to give it
/// back before it is used up: Python's iterators with a `close()` method,
/// which `yield from` closes when the delegating generator is closed
/// (PEP 380).
///
/// `yield(from:)` of a sequence calls ``close()`` on its iterator when the
/// generator that delegates is closed or finalized while it waits there, so
/// that a chain of delegations is closed innermost first. The iterators of
/// generators conform (closing one closes its generator), and so should an
/// iterator that owns a file, a socket or a generator.
///
/// ```swift
/// let inner = Generator<Int> { g in
///     defer { print("inner closed") }
///     for i in 0... { try g.yield(i) }
/// }
/// let outer = Generator<Int> { g in
///     defer { print("outer closed") }
///     try g.yield(from: inner.lazy.map { $0 * 10 }.makeIterator().base)
/// }
/// ```
///
/// An iterator that does not conform is only released when the delegation
/// ends: whatever it holds goes when its last reference does.
///
/// - Important: After `close()`, `next()` returns `nil`. Closing an iterator
///   that is used up, or closing it twice, does nothing.
public protocol ClosableIterator: IteratorProtocol {
    /// Gives back what the iterator holds, running its cleanup now.
    ///
    /// - Throws: An error the cleanup threw.
    mutating func close() throws
}

extension Coroutine.Iterator: ClosableIterator {
    /// Closes the generator (see ``Coroutine/close()``); its return value,
    /// if the body returned one while closing, stays in its `returnValue`.
    ///
    /// - Complexity: O(1), plus the cleanup the body runs.
    public func close() throws {
        try generator.close()
    }
}
