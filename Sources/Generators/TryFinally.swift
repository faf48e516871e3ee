/// Runs `body`, then `cleanup` however `body` ends: Python's `try: … finally:
/// …` for a generator body, whose cleanup may `yield` (a Swift `defer` block
/// cannot).
///
/// ```swift
/// // def numbers():
/// //     try:
/// //         yield 1
/// //     finally:
/// //         yield 99
/// let numbers = Generator<Int> { g in
///     try tryFinally {
///         try g.yield(1)
///     } finally: {
///         try g.yield(99)
///     }
/// }
/// print(Array(numbers))   // [1, 99]
/// ```
///
/// It is close-safe: when `body` ends with the close signal, `cleanup` still
/// runs and the signal goes on after it; a `yield` in `cleanup` then makes
/// `close()` throw ``GeneratorError/ignoredClose(_:isAsync:)``, as in Python.
/// Do not write `defer { _ = try? g.yield(x) }` instead: the `try?` swallows
/// the close signal when the generator is closed again at that `yield`, and
/// the body goes on running after `close()`.
///
/// - Returns: What `body` returns.
/// - Throws: What `cleanup` throws, which replaces an error from `body` (as
///   in Python); otherwise what `body` throws.
/// - Complexity: O(1), plus `body` and `cleanup`.
@inlinable
public func tryFinally<Result>(
    _ body: () throws -> Result,
    finally cleanup: () throws -> Void
) throws -> Result {
    let result: Result
    do {
        result = try body()
    } catch {
        try cleanup()
        throw error
    }
    try cleanup()
    return result
}

/// Runs `body`, then `cleanup` however `body` ends: Python's `try: … finally:
/// …` in an async generator body, whose cleanup may `await` and `yield`
/// (Swift 6.3 cannot `await` in a `defer` block).
///
/// ```swift
/// let rows = AsyncGenerator<String> { g in
///     let connection = try await Database.connect()
///     try await tryFinally {
///         for try await row in connection.rows() { try await g.yield(row) }
///     } finally: {
///         await connection.close()      // runs on close(), errors and cancellation too
///     }
/// }
/// ```
///
/// It is close-safe: when `body` ends with the close signal, `cleanup` runs
/// and the signal goes on after it. A cancelled task stays cancelled while
/// `cleanup` runs, so an `await` there that checks for cancellation (such as
/// `Task.sleep`) throws `CancellationError` at once; Python lets a `finally`
/// after `CancelledError` await freely.
///
/// - Returns: What `body` returns.
/// - Throws: What `cleanup` throws, which replaces an error from `body` (as
///   in Python); otherwise what `body` throws.
/// - Complexity: O(1), plus `body` and `cleanup`.
public func tryFinally<Result>(
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> Result,
    finally cleanup: () async throws -> Void
) async throws -> sending Result {
    let result: Result
    do {
        result = try await body()
    } catch {
        try await cleanup()
        throw error
    }
    try await cleanup()
    return result
}
