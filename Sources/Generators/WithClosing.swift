/// Runs `body` with `generator`, then closes the generator however `body`
/// ends: Python's `with contextlib.closing(generator) as g:`.
///
/// Use it to make a generator's cleanup run at a known point even though you
/// still hold a reference to it, for example after breaking out of a loop.
///
/// ```swift
/// let lines = Generator<String> { g in
///     defer { print("file closed") }
///     for line in ["a", "b", "c"] { try g.yield(line) }
/// }
/// let first = try withClosing(lines) { lines in lines.next() }
/// // prints "file closed"; first == "a"
/// ```
///
/// - Returns: What `body` returns.
/// - Throws: What `body` throws; otherwise what `close()` throws. When both
///   throw, `body`'s error wins and the close error goes to
///   ``GeneratorRuntime/unhandledErrorHandler`` (Python would replace the
///   first error with the second; the first is usually the one that matters).
public func withClosing<Yield, Sent, Return, Failure, Result>(
    _ generator: Coroutine<Yield, Sent, Return, Failure>,
    _ body: (Coroutine<Yield, Sent, Return, Failure>) throws -> Result
) throws -> Result {
    let result: Result
    do {
        result = try body(generator)
    } catch {
        do {
            try generator.close()
        } catch let closeError {
            GeneratorRuntime.reportUnhandled(closeError, generator: generator.name)
        }
        throw error
    }
    try generator.close()
    return result
}
