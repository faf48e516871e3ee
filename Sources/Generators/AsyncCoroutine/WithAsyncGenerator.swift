/// Runs `consume` with a lazy async generator whose producer is a child
/// task of the caller's: the fastest way to consume one, with structured
/// cancellation.
///
/// ```swift
/// let total = try await withAsyncGenerator(of: Int.self) { g in
///     for i in 1...3 { try await g.yield(i) }
/// } consume: { numbers in
///     var total = 0
///     for try await n in numbers { total += n }
///     return total
/// }
/// print(total)   // 6
/// ```
///
/// The generator behaves as an ``AsyncGenerator`` made with `body`: its body
/// runs only when asked, `send`, `resume(throwing:)` and `close()` work the
/// same. Two things differ:
///
/// - Its producer is a child task, made when the scope starts (with the
///   caller's task-executor preference) and waiting for the first `next()`.
///   Cancelling the caller's task cancels it, as it cancels any child, so
///   `next()` installs no cancellation handler: a value costs a third less
///   than with an ``AsyncGenerator`` (the async generators guide has the
///   figures). Consume it on a ``SingleThreadTaskExecutor`` for the fastest
///   path of all.
/// - When `consume` returns or throws, the generator is closed and the
///   scope waits for its cleanup, as ``withClosing(_:isolation:_:)`` does.
///   A body that ignores the close gets it again at each `yield` until it
///   ends: the scope waits for its child task, as every task group does.
///
/// - Important: Cancellation follows the caller's task. A consumer in
///   another task (a task started inside `consume`) that is cancelled does
///   not cancel the body.
/// - Important: The generator is closed when the scope ends: one that
///   escapes it yields nothing more.
/// - Parameters:
///   - elementType: The type of the values the body yields.
///   - name: A name for diagnostics.
///   - isolation: Where `consume` runs; the caller's actor by default.
///   - body: The generator's code; it yields through its argument.
///   - consume: What to do with the generator.
/// - Returns: What `consume` returns.
/// - Throws: What `consume` throws; otherwise an error the generator's
///   cleanup throws when it is closed (after an error from `consume`, that
///   one goes to ``GeneratorRuntime/unhandledErrorHandler``).
/// - Complexity: One child task; two task switches per value, without a
///   cancellation handler.
public func withAsyncGenerator<Element: Sendable, Result>(
    of elementType: Element.Type = Element.self,
    name: String? = nil,
    isolation: isolated (any Actor)? = #isolation,
    _ body: @escaping @Sendable (_ generator: AsyncGenerator<Element>.Yielder) async throws -> Void,
    consume: (AsyncGenerator<Element>) async throws -> Result
) async throws -> Result {
    let gate = _AsyncStartGate()
    let generator = AsyncGenerator<Element>(name: name, startGate: gate, body: body)
    let preference = currentTaskExecutorPreference()
    return try await withThrowingTaskGroup(of: Void.self, returning: Result.self, isolation: isolation) { group in
        let storage = generator.storage
        let producer: @Sendable () async -> Void = {
            if await gate.wait() {
                await AsyncGenerator<Element>.runBody(storage, scope: nil)
            }
        }
        // A child task takes its parent's preference: name one only when
        // there is one (see `startTask(preferring:_:)`).
        if let preference {
            group.addTask(executorPreference: preference, operation: producer)
        } else {
            group.addTask(operation: producer)
        }
        // The child ends once the gate opens: to run the body, or not.
        defer { gate.open(run: false) }
        return try await _runThenClose(name: generator.name) {
            try await consume(generator)
        } close: {
            try await closeUntilEnded(generator)
        }
    }
}

/// Closes `generator`, again as long as its body yields instead of ending
/// (each ignored close is reported), so that its task ends.
private func closeUntilEnded<Element>(
    _ generator: AsyncGenerator<Element>,
    isolation: isolated (any Actor)? = #isolation
) async throws {
    while true {
        do {
            try await generator.close()
            return
        } catch let error as GeneratorError {
            guard case .ignoredClose = error else { throw error }
            GeneratorRuntime.reportUnhandled(error, generator: generator.name)
        }
    }
}
