/// Runs `body`; when it ends, closes the async generators started within it
/// that are still open, and waits for the cleanup of every one of them,
/// including those that were dropped and are closing in the background:
/// Python's `asyncio.run`, which closes the live async generators at
/// shutdown (`loop.shutdown_asyncgens()`).
///
/// Swift cannot `await` in `deinit`, so an async generator dropped while
/// suspended is closed in a task nobody waits for, and a program can end
/// before that cleanup runs. Wrap the program, a request, or a test in a
/// scope to make that cleanup part of it:
///
/// ```swift
/// try await withAsyncGeneratorScope {
///     for try await line in tail(log) {
///         if line.contains("ERROR") { break }    // `tail` is dropped here
///     }
/// }
/// // tail's cleanup (its file is closed) has run here.
/// ```
///
/// A generator joins the scope when its body starts (its first `next()`),
/// from the scope's task or from any task started within it, including the
/// bodies of other async generators. The scope closes the generators still
/// alive in the order they started (a pipeline's consumer before its
/// sources, as its own cleanup expects); errors from those closes go to
/// ``GeneratorRuntime/unhandledErrorHandler``, as asyncio's exception
/// handler gets them. Bodies abandoned for ignoring the close (see
/// ``GeneratorRuntime/abandonedGenerators``) are not waited for.
///
/// - Important: A generator that another task is still consuming when the
///   scope ends cannot be closed (``GeneratorError/alreadyExecuting(_:isAsync:)``
///   is reported), and the scope waits for its body to end.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws, after the cleanup.
/// - Complexity: One task-local lookup per async generator started.
public func withAsyncGeneratorScope<Result>(
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> Result
) async throws -> Result {
    let scope = _AsyncGeneratorScope()
    return try await tryFinally {
        try await _AsyncGeneratorScope.$current.withValue(scope) { try await body() }
    } finally: {
        await scope.end()
    }
}
