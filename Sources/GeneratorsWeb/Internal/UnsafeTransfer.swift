/// Carries a value into a child task that the caller waits for.
///
/// Safety: used only where the task group that runs the child is awaited before the value's
/// scope ends, and where the caller does not touch the value while the child runs.
struct _UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
}
