/// An async iterator that the child tasks of one task group read in turn,
/// never two at once, so that reading it does not need a generator (and a
/// hand-off) of its own.
///
/// - Important: The owner starts a read only after the last read's result
///   came back through the task group; the group's hand-off orders the
///   accesses.
// @unchecked Sendable: one read at a time, ordered by the task group (above).
@usableFromInline
final class _TakeTurnsIterator<Base: AsyncIteratorProtocol>: @unchecked Sendable {
    @usableFromInline
    var base: Base

    @inlinable
    init(_ base: Base) {
        self.base = base
    }

    /// The base's next element.
    @inlinable
    func next() async throws -> Base.Element? {
        try await base.next()
    }
}
