/// A generator that yields `Element`s and throws nothing of its own: the
/// light form of ``Coroutine``, and a `Sequence`.
///
/// ```swift
/// let numbers = Generator<Int> { g in
///     for i in 0..<3 { try g.yield(i) }
/// }
/// for n in numbers { print(n) }   // 0, 1, 2
/// ```
///
/// The `try` marks where the generator may be closed: `yield` throws
/// ``GeneratorExit`` then, so that the body's cleanup runs.
public typealias Generator<Element> = Coroutine<Element, Void, Void, Never>

/// A generator that yields `Element`s and whose body may throw: iterate it
/// with `while let x = try g.next()`.
///
/// ```swift
/// let parsed = ThrowingGenerator<Int> { g in
///     for text in ["1", "2"] { try g.yield(try parse(text)) }
/// }
/// while let n = try parsed.next() { print(n) }
/// ```
public typealias ThrowingGenerator<Element> = Coroutine<Element, Void, Void, any Error>
