/// A task that iterates `sequence` to its end and returns how that ended:
/// `"ended"`, or the type of the error it threw (`"CancellationError"`).
/// `onElement` sees each element. For tests that cancel a consumer.
public func consumingTask<Source: AsyncSequence & Sendable>(
    _ sequence: Source,
    onElement: @escaping @Sendable (Source.Element) -> Void = { _ in }
) -> Task<String, Never> {
    Task {
        do {
            for try await element in sequence { onElement(element) }
            return "ended"
        } catch {
            return "\(type(of: error))"
        }
    }
}
