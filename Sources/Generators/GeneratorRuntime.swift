import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Process-wide settings and figures of the generator runtime.
public enum GeneratorRuntime {
    /// Called with an error that a generator's body threw while it was being
    /// finalized (its last reference went away while it was suspended), and
    /// with ``GeneratorError/ignoredClose(_:isAsync:)`` when such a body
    /// tried to yield (see ``abandonedGenerators``).
    /// Such errors cannot propagate from `deinit` (Python sends them to
    /// `sys.unraisablehook`). The default handler prints to standard error.
    public typealias UnhandledErrorHandler = @Sendable (_ error: any Error, _ generatorName: String?) -> Void

    /// The handler, in a class: a function value kept directly in the generic `Locked` is
    /// reabstracted on every `inout` access, and the thunks pile up, one pair per report,
    /// until calling the handler overflows a generator's stack (the differential fuzzer
    /// crashed so after about 3,300 reports).
    private final class Handler: Sendable {
        let call: UnhandledErrorHandler
        init(_ call: @escaping UnhandledErrorHandler) { self.call = call }
    }

    private static let handler = Locked<Handler>(Handler(defaultHandler))

    private static let defaultHandler: UnhandledErrorHandler = { error, name in
        let label = name.map { "generator '\($0)'" } ?? "a generator"
        let text = "swift-generators: error ignored while finalizing \(label): \(error)\n"
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    /// The handler for errors that a finalized generator's body threw.
    public static var unhandledErrorHandler: UnhandledErrorHandler {
        get { handler.withLock { $0.call } }
        set { handler.withLock { $0 = Handler(newValue) } }
    }

    @usableFromInline
    static func reportUnhandled(_ error: any Error, generator name: String?) {
        let current = handler.withLock { $0 }
        current.call(error, name)
    }

    private static let abandoned = Atomic<Int>(0)

    /// How many generator bodies this process has abandoned: bodies that
    /// ignored the close signal where they could neither be left suspended
    /// nor made to end (they yielded while being finalized, sync or async).
    ///
    /// Such a body is never resumed again, so its frames are never unwound:
    /// its `defer` blocks do not run and what they hold is never released.
    /// A sync generator's stack stays mapped (its memory is not reused); an
    /// async generator's task stays suspended. Each is reported once, as
    /// ``GeneratorError/ignoredClose(_:isAsync:)``, to
    /// ``unhandledErrorHandler``. CPython reports the same `RuntimeError`,
    /// then frees the frame's locals without running their `finally` blocks.
    public static var abandonedGenerators: Int { abandoned.load(ordering: .relaxed) }

    /// The continuations of abandoned async bodies: never resumed, but kept
    /// where a leak checker sees them, since their tasks are kept on purpose.
    private static let abandonedBodies = Locked<[any Sendable]>([])

    /// Counts an abandoned body and reports `error` for it; `suspension` is
    /// an abandoned async body's continuation.
    @usableFromInline
    static func recordAbandoned(_ error: GeneratorError, generator name: String?, suspension: (any Sendable)? = nil) {
        abandoned.wrappingAdd(1, ordering: .relaxed)
        if let suspension { abandonedBodies.withLock { $0.append(suspension) } }
        reportUnhandled(error, generator: name)
    }

    /// The usable stack size, in bytes, a generator gets by default.
    public static var defaultStackSize: Int { _Fiber.defaultStackSize }

    /// The stack pool's figures: stacks mapped so far, `mmap` calls made for
    /// them (by all threads, and by the calling thread), and stacks parked in
    /// the shared pool now.
    public static var stackPoolStatistics:
        (mappedStacks: Int, mapCalls: Int, mapCallsOnThisThread: Int, pooledStacks: Int)
    {
        let stats = _Fiber.statistics
        return (stats.mapped, stats.mapCalls, stats.threadMapCalls, stats.pooled)
    }

    /// Gives the memory of the stacks parked in the pool back to the system
    /// (their address space stays reserved for reuse); returns how many.
    @discardableResult
    public static func trimStackPool() -> Int { _Fiber.trim() }
}
