import Synchronization

/// What a generator body's cleanup saw when the body was finalized by a
/// `LastReferenceDropper`: the value the test wrote last, without a lock,
/// before it dropped its own reference (ordered only by the reference
/// count), and the thread the cleanup ran on.
///
/// ```swift
/// let witness = CleanupWitness()
/// var g: Generator<Int>? = Generator { g in
///     defer { witness.cleanupRuns() }
///     while true { try g.yield(1) }
/// }
/// _ = g?.next()
/// witness.write(5, thenDropLast: &g)
/// witness.seen            // 5
/// witness.ranOnDropper    // true
/// ```
public final class CleanupWitness: @unchecked Sendable {
    // Safety: `written` and `dropper` are set by the test before it drops its
    // reference and read by the cleanup after the last one is dropped: the
    // reference count orders them (which is what the tests check
    // ThreadSanitizer is told).
    public var written = 0
    private var dropper: LastReferenceDropper?
    private let seenValue = Atomic<Int>(-1)
    private let runs = Atomic<Int>(0)
    private let onDropper = Atomic<Bool>(false)

    public init() {}

    /// Writes `value` to `written`, drops the caller's reference to `object`,
    /// and has a `LastReferenceDropper` drop the last one.
    ///
    /// - Important: `object` must not be `nil`, and the caller must hold no
    ///   other reference to it.
    public func write<Object: AnyObject>(_ value: Int, thenDropLast object: inout Object?) {
        // No local holds it: the dropper's must be the last reference.
        dropper = LastReferenceDropper(holding: object!)
        written = value
        object = nil
        dropper?.dropAndWait()
    }

    /// Call from the body's cleanup.
    public func cleanupRuns() {
        seenValue.store(written, ordering: .relaxed)
        onDropper.store(dropper?.isDroppingThread ?? false, ordering: .relaxed)
        runs.add(1, ordering: .relaxed)
    }

    /// The `written` value the cleanup read; -1 before it ran.
    public var seen: Int { seenValue.load(ordering: .relaxed) }
    /// How many times the cleanup ran.
    public var cleanups: Int { runs.load(ordering: .relaxed) }
    /// Whether it ran on the dropper's thread.
    public var ranOnDropper: Bool { onDropper.load(ordering: .relaxed) }
}
