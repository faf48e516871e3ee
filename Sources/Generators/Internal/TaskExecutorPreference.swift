/// The current task's executor preference, for an unstructured task that
/// should run where the current one prefers (it does not inherit it, as a
/// child task would).
///
/// `package`: GeneratorAlgorithms uses it too; it is not API.
@inlinable
package func currentTaskExecutorPreference() -> (any TaskExecutor)? {
    guard #available(macOS 26.4, iOS 26.4, watchOS 26.4, tvOS 26.4, visionOS 26.4, *) else { return nil }
    return withUnsafeCurrentTask { $0?.unownedTaskExecutor?.asTaskExecutor() }
}

/// Starts an unstructured task that prefers `preference`, if there is one.
///
/// With no preference it is a plain `Task`: `Task(executorPreference: nil)`
/// records a preference of none, which the runtime then looks up under the
/// task's status lock at every switch and enqueue (some 500 instructions a
/// hand-off, measured with callgrind).
///
/// `package`: GeneratorAlgorithms uses it too; it is not API.
@inlinable
package func startTask(
    preferring preference: (any TaskExecutor)?,
    _ operation: sending @escaping () async -> Void
) -> Task<Void, Never> {
    if let preference { return Task(executorPreference: preference, operation: operation) }
    return Task(operation: operation)
}
