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
            let reason = String(cString: strerror(errno))
            fatalError(
                """
                swift-generators: could not map a generator stack of \(stackSize) bytes: \(reason). \
                Each suspended generator holds a stack and two kernel memory mappings; \
                see /proc/sys/vm/max_map_count.
                """
            )
        }
        return OpaquePointer(fiber)
    }

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
