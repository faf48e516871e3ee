/// The close signal: thrown at the paused `yield` when a generator is closed.
///
/// `close()`, and the last reference to a suspended generator going away,
/// resume the body by throwing `GeneratorExit` from its `yield`, so that its
/// `defer` blocks and `catch` clauses run and every value on its stack is
/// released. A body may catch it to clean up, and then must end (return or
/// rethrow): a body that yields again after catching it is detected, see
/// ``GeneratorError/ignoredClose(_:isAsync:)``.
///
/// ```swift
/// let lines = Generator<String> { g in
///     defer { print("cleanup") }
///     try g.yield("one")
///     try g.yield("two")
/// }
/// print(lines.next()!)   // one
/// try lines.close()      // cleanup
/// print(lines.next())    // nil
/// ```
///
/// - Important: In Swift a bare `catch` catches every error, this one too
///   (Python's `except Exception` does not catch `GeneratorExit`). Catch the
///   errors you mean, or let this one through:
///   `catch let error as GeneratorExit { throw error }`.
public struct GeneratorExit: Error, Sendable, Hashable, CustomStringConvertible {
    /// Makes the close signal.
    public init() {}

    public var description: String { "GeneratorExit" }
}
