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
    try await _runThenClose(name: generator.name) {
        try await body(generator)
    } close: {
        try await generator.close()
    }
}

/// Runs `body`, then `close`, however `body` ends; when both throw, `body`'s
/// error wins and the close error goes to
/// ``GeneratorRuntime/unhandledErrorHandler`` under `name`.
func _runThenClose<Result>(
    isolation: isolated (any Actor)? = #isolation,
    name: String?,
    _ body: () async throws -> Result,
    close: () async throws -> Void
) async throws -> sending Result {
    let result: Result
    do {
        result = try await body()
    } catch {
        do {
            try await close()
        } catch let closeError {
            GeneratorRuntime.reportUnhandled(closeError, generator: name)
        }
        throw error
    }
    try await close()
    return result
}
