/// Runs `body` with `generator`, then closes the generator and waits for its
/// cleanup, however `body` ends: Python's `async with aclosing(agen) as g:`.
///
/// ```swift
/// let first = try await withClosing(lines) { lines in try await lines.next() }
/// // the body's cleanup has run here, even though `lines` is still referenced
/// ```
///
/// - Throws: What `body` throws; otherwise what `close()` throws. When both
///   throw, `body`'s error wins and the close error goes to
///   ``GeneratorRuntime/unhandledErrorHandler``.
public func withClosing<Yield, Sent, Failure, Result>(
    _ generator: AsyncCoroutine<Yield, Sent, Failure>,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (AsyncCoroutine<Yield, Sent, Failure>) async throws -> Result
) async throws -> sending Result {
    let result: Result
    do {
        result = try await body(generator)
    } catch {
        do {
            try await generator.close()
        } catch let closeError {
            GeneratorRuntime.reportUnhandled(closeError, generator: generator.name)
        }
        throw error
    }
    try await generator.close()
    return result
}
