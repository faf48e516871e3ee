/// A sequence that can be iterated any number of times: each iteration runs
/// a fresh generator made from `body`. Python's class whose `__iter__` is a
/// generator function:
///
/// ```python
/// class Countdown:
///     def __init__(self, start): self.start = start
///     def __iter__(self):
///         n = self.start
///         while n > 0:
///             yield n
///             n -= 1
/// ```
///
/// ```swift
/// let countdown = GeneratorSequence<Int> { g in
///     for n in stride(from: 3, through: 1, by: -1) { try g.yield(n) }
/// }
/// print(Array(countdown), Array(countdown))   // [3, 2, 1] [3, 2, 1]
/// ```
///
/// A ``Generator`` itself is single pass (iterating it consumes it); this
/// is the multi-pass form. Use it to write `makeIterator()` of your own
/// `Sequence` type with a generator body: inside such a type, `Generator`
/// names the standard library's old `Sequence.Generator` alias instead of
/// this package's type, so spell the iterator ``Iterator`` (or write
/// `Generators.Generator<Element>`):
///
/// ```swift
/// struct Countdown: Sequence {
///     let start: Int
///     func makeIterator() -> GeneratorSequence<Int>.Iterator {
///         GeneratorSequence { g in
///             for n in stride(from: start, through: 1, by: -1) { try g.yield(n) }
///         }.makeIterator()
///     }
/// }
/// ```
///
/// ``YieldingSequence`` gives the same with less to write.
///
/// - Complexity: O(1) to create; each iteration creates one generator.
public struct GeneratorSequence<Element>: Sequence {
    /// The handle the body yields through.
    public typealias Yielder = Coroutine<Element, Void, Void, Never>.Yielder
    /// A generator's iterator: it can be closed (see ``ClosableIterator``).
    public typealias Iterator = Coroutine<Element, Void, Void, Never>.Iterator

    @usableFromInline
    let body: (Yielder) throws -> Void
    @usableFromInline
    let stackSize: Int

    /// Makes a sequence whose every iteration runs `body` in a new generator.
    ///
    /// - Parameters:
    ///   - stackSize: The stack size for each generator; 0 (the default)
    ///     means ``GeneratorRuntime/defaultStackSize``.
    ///   - body: The generator's code. It must throw only what its yields
    ///     throw, as a ``Generator``'s body.
    @inlinable
    public init(stackSize: Int = 0, _ body: @escaping (_ generator: Yielder) throws -> Void) {
        self.body = body
        self.stackSize = stackSize
    }

    /// Starts a new iteration: a new generator, which runs nothing until
    /// its first `next()`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func makeIterator() -> Iterator {
        Coroutine<Element, Void, Void, Never>(stackSize: stackSize, body).makeIterator()
    }
}
