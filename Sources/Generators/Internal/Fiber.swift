//===----------------------------------------------------------------------===//
// The only file that imports the C core. Everything unsafe about stacks and
// context switches goes through this caseless enum.
//===----------------------------------------------------------------------===//
import CGeneratorsCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fiber layer: a machine stack with a guard page, and the two switches.
///
/// A fiber is referred to by an opaque pointer to its header, which lives at
/// the top of its own stack.
@usableFromInline
enum _Fiber {
    /// The entry point every fiber runs first: `context` is an unretained
    /// `_AnyCoroutine` that stays alive while its fiber can run.
    private static let entry: @convention(c) (UnsafeMutablePointer<gen_core_fiber>?) -> Void = {
        fiber in
        // Safety: the owner keeps itself alive while the fiber can run and
        // closes the fiber in `deinit`; taking a +0 reference here keeps the
        // fiber's own stack from owning its generator.
        Unmanaged<_AnyCoroutine>.fromOpaque(fiber.unsafelyUnwrapped.pointee.context)
            ._withUnsafeGuaranteedRef { $0._runOnFiber() }
    }

    /// Takes a fiber from the pool, ready to run `owner._runOnFiber()` when
    /// first resumed.
    ///
    /// - Important: Traps when no stack can be mapped (out of memory, or the
    ///   kernel's limit on memory mappings, `vm.max_map_count`, is reached),
    ///   as Swift does when an allocation fails.
    @usableFromInline
    static func acquire(stackSize: Int, slotBytes: Int, owner: _AnyCoroutine) -> OpaquePointer {
        let context = Unmanaged.passUnretained(owner).toOpaque()
        guard let fiber = gen_core_fiber_acquire(stackSize, entry, context, slotBytes) else {
            fatalError(exhaustionMessage(stackSize: stackSize, error: errno))
        }
        return OpaquePointer(fiber)
    }

    /// Why no stack could be mapped, with the limit that was reached and how to raise it.
    static func exhaustionMessage(stackSize: Int, error: Int32) -> String {
        let size = gen_core_round_stack_size(stackSize)
        var message = """
            swift-generators: could not map a generator stack of \(size) bytes \
            (\(size / 1024) KiB, plus a guard page): \(String(cString: strerror(error))).
            """
        var named = false
        #if os(Linux)
            // Each suspended generator's stack is two kernel memory mappings (the stack and
            // its guard page); the kernel caps a process's mappings at vm.max_map_count.
            if let mapLimit = countOrNumber(inFile: "/proc/sys/vm/max_map_count", countingLines: false),
                let mappings = countOrNumber(inFile: "/proc/self/maps", countingLines: true),
                mappings + 16 >= mapLimit
            {
                message += """
                     The process has \(mappings) memory mappings and the kernel allows \(mapLimit) \
                    (vm.max_map_count); each suspended generator holds two. Raise the limit \
                    (sysctl -w vm.max_map_count=\(max(262_144, mapLimit * 2))) or keep fewer generators \
                    suspended at once.
                    """
                named = true
            }
            var limit = rlimit()
            // `rlim_t.max` is RLIM_INFINITY (which Swift cannot import).
            if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
                message += """
                     The address-space limit (RLIMIT_AS, ulimit -v) is \(limit.rlim_cur) bytes: raise it, \
                    or give generators smaller stacks (stackSize:).
                    """
                named = true
            }
        #endif
        if !named {
            message += " Each suspended generator holds its stack and two kernel memory mappings."
        }
        return message
    }

    #if os(Linux)
        /// The number a small file holds, or the number of lines of a file (read in blocks,
        /// with no allocation per line): for the exhaustion message, without Foundation.
        private static func countOrNumber(inFile path: String, countingLines: Bool) -> Int? {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var lines = 0
            var number = 0
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 { return nil }
                if count == 0 { break }
                for byte in buffer[..<count] {
                    if byte == 0x0A { lines += 1 }
                    if !countingLines, (0x30...0x39).contains(byte) { number = number * 10 + Int(byte - 0x30) }
                }
                if !countingLines { break }
            }
            return countingLines ? lines : number
        }
    #endif

    /// The 16-byte aligned bytes reserved at the top of `fiber`'s stack.
    @inlinable @inline(__always)
    static func slots(_ fiber: OpaquePointer) -> UnsafeMutableRawPointer {
        UnsafeMutablePointer<gen_core_fiber>(fiber).pointee.slots.unsafelyUnwrapped
    }

    /// Returns a fiber whose body has finished to the pool.
    @usableFromInline
    static func release(_ fiber: OpaquePointer) {
        gen_core_fiber_release(UnsafeMutablePointer(fiber))
    }

    /// Runs `fiber` until it suspends or finishes. Returns `fiber` and the
    /// generator that owns it as the switch hands them back in registers:
    /// using them after the switch spares reloading them from memory.
    ///
    /// - Important: `owner` must own `fiber` (the fiber's `suspend` passes
    ///   its owner, and the owner is `fiber`'s context when the body ends).
    @inlinable @inline(__always)
    static func resume<Owner: AnyObject>(
        _ fiber: OpaquePointer,
        owner: Unmanaged<Owner>
    ) -> (fiber: OpaquePointer, owner: Unmanaged<Owner>) {
        let back = gen_core_resume_keeping(UnsafeMutablePointer(fiber), owner.toOpaque())
        return (OpaquePointer(back.fiber.unsafelyUnwrapped), Unmanaged.fromOpaque(back.owner.unsafelyUnwrapped))
    }

    /// Leaves `fiber`, which must be the running fiber, for its parent.
    /// Returns `owner` again, from the resuming side's register.
    ///
    /// - Important: `owner` must own `fiber`, as for ``resume(_:owner:)``.
    @inlinable @inline(__always)
    static func suspend<Owner: AnyObject>(_ fiber: OpaquePointer, owner: Unmanaged<Owner>) -> Unmanaged<Owner> {
        let back = gen_core_suspend(UnsafeMutablePointer(fiber), owner.toOpaque())
        return Unmanaged.fromOpaque(back.unsafelyUnwrapped)
    }

    /// Whether the caller is running on `fiber`'s stack.
    @inlinable @inline(__always)
    static func isCurrent(_ fiber: OpaquePointer) -> Bool {
        gen_core_is_current(UnsafeMutablePointer(fiber))
    }

    /// The bytes left on `fiber`'s stack below the caller's frame.
    @usableFromInline
    static func remainingStack(_ fiber: OpaquePointer) -> Int {
        gen_core_stack_remaining(UnsafeMutablePointer(fiber))
    }

    /// The usable size a request for `stackSize` bytes gets.
    static func roundedStackSize(_ stackSize: Int) -> Int {
        gen_core_round_stack_size(stackSize)
    }

    /// The default usable stack size.
    static var defaultStackSize: Int {
        gen_core_round_stack_size(0)
    }

    /// Pool counters: fibers mapped so far, `mmap` calls (all threads, and
    /// the calling thread's), fibers parked.
    static var statistics: (mapped: Int, mapCalls: Int, threadMapCalls: Int, pooled: Int) {
        let stats = gen_core_get_stats()
        return (stats.mapped_fibers, stats.map_calls, stats.thread_map_calls, stats.pooled_fibers)
    }

    /// Balances the strong references to `object` that the frames of an
    /// abandoned fiber took and will never release. Only from `object`'s
    /// `deinit`: there, every other reference is gone or already balanced.
    @usableFromInline
    static func releaseStrayReferences(to object: UnsafeMutableRawPointer) {
        gen_core_release_stray_references(object)
    }

    /// Gives the memory of parked stacks back to the system.
    static func trim() -> Int {
        gen_core_trim()
    }
}

/// ThreadSanitizer's view of continuations: the one edge the Swift runtime
/// leaves out (see `gen_core_tsan_acquire_sanitized`).
///
/// `package`: GeneratorAlgorithms' hand-offs use it too; it is not API.
@usableFromInline
package enum _ThreadSanitizer {
    /// Call after awaiting a continuation that may have been resumed before
    /// the `await` was reached. One predictable branch in builds without
    /// sanitizers.
    @inlinable @inline(__always)
    package static func continuationAwaited() {
        if _slowPath(gen_core_sanitizer_hooks != 0) { acquireCurrentTask() }
    }

    /// Call in a `deinit` before it runs a body's cleanup on the body's fiber
    /// (see `gen_core_tsan_finalizing_sanitized`). One predictable branch in
    /// builds without sanitizers.
    @inlinable @inline(__always)
    package static func finalizing() {
        if _slowPath(gen_core_sanitizer_hooks != 0) { gen_core_tsan_finalizing_sanitized() }
    }

    /// Acquires the current task, which the runtime released when it resumed
    /// the task's continuation.
    @usableFromInline
    package static func acquireCurrentTask() {
        withUnsafeCurrentTask { task in
            guard let task else { return }
            // The runtime releases the task's address (`AsyncTask *`), which
            // is the one word an `UnsafeCurrentTask` holds.
            gen_core_tsan_acquire_sanitized(unsafeBitCast(task, to: UnsafeRawPointer.self))
        }
    }
}
