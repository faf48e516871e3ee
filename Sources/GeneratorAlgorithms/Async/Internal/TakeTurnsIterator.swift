/// An async iterator that several tasks read in turn, never two at once, so
/// that reading it does not need a generator (and a hand-off) of its own.
///
/// - Important: A read starts only after the last one ended, and that order
///   is carried by a synchronizing hand-off: the merging `flatMap` starts a
///   read once the last one's result came back through its task group; the
///   concurrent map's workers take the read turn under the map's lock.
// @unchecked Sendable: one read at a time, ordered by a task group or a lock (above).
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
