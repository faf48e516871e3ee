//===----------------------------------------------------------------------===//
// The hand-off state shared by a generator and every generator that runs
// inline on its fiber through `yield(from:)`. Underscored: not API.
//===----------------------------------------------------------------------===//

/// The lifecycle of a generator, finer than ``GeneratorState``.
@usableFromInline
enum _Status: UInt8 {
    /// Built; the body has not run and no stack is held.
    case created
    /// Paused at a `yield` on its own fiber.
    case suspended
    /// The body is running (or a generator it delegated to is).
    case running
    /// `close()` was called: the close signal is unwinding the body, and a
    /// `yield` now suspends and makes `close()` report `ignoredClose`.
    case closing
    /// The last reference went away: the close signal is unwinding the body,
    /// and every `yield` throws it again at once, so the body always ends.
    case finalizing
    /// Returned, failed or closed; the stack is back in the pool.
    case finished
}

/// What the consumer asked for when it resumed the generator (sync and
/// async generators alike).
@usableFromInline
enum _ResumeCommand<Sent> {
    case next
    case send(Sent)
    case raise(any Error)
    case close
}

extension _ResumeCommand: Sendable where Sent: Sendable {}

extension _ResumeCommand {
    /// What the body's paused `yield` evaluates to: the sent value (`nil`
    /// for `next()`), or the error thrown in, or the close signal.
    @inlinable
    func received() throws -> Sent? {
        switch self {
        case .next: return nil
        case .send(let value): return value
        case .raise(let error): throw error
        case .close: throw _closeSignal
        }
    }

    /// The consumer's call that sent this command, for error messages.
    @usableFromInline
    var operation: GeneratorError.Operation {
        switch self {
        case .next: .next
        case .send: .send
        case .raise: .resumeThrowing
        case .close: .close
        }
    }
}

/// The case of a `_ResumeCommand`, stored apart from its payload so that the
/// hot path writes and tests one byte.
@usableFromInline
enum _CommandKind: UInt8 {
    case next, send, raise, close
}

/// The root of every generator class: what the fiber entry point can call
/// without knowing the generic parameters.
///
/// Not API: use ``Coroutine``.
public class _AnyCoroutine {
    @inlinable
    init() {}

    /// Runs the body on the current fiber. Overridden by ``Coroutine``.
    func _runOnFiber() {
        fatalError("_AnyCoroutine is abstract")
    }

    /// Marks a generator that ran inline on another's fiber as finished.
    /// Overridden by ``Coroutine``.
    @usableFromInline
    func _endInline() {
        fatalError("_AnyCoroutine is abstract")
    }
}

/// A delegation that runs inline on its delegator's fiber (see
/// `yield(from:)`).
@usableFromInline
struct _InlineDelegation {
    /// The delegate, kept alive by the delegator's frame.
    @usableFromInline
    let delegate: Unmanaged<_AnyCoroutine>
    /// The host's `_closeRequests` when the delegation began.
    @usableFromInline
    let closeRequestsAtStart: UInt32
    /// Whether the delegate yielded after it was sent the close signal.
    @usableFromInline
    var ignoredClose = false
    /// The delegation this one runs in, if it runs inline too.
    @usableFromInline
    let outer: UnsafeMutablePointer<_InlineDelegation>?

    @usableFromInline
    init(
        delegate: Unmanaged<_AnyCoroutine>,
        closeRequestsAtStart: UInt32,
        outer: UnsafeMutablePointer<_InlineDelegation>?
    ) {
        self.delegate = delegate
        self.closeRequestsAtStart = closeRequestsAtStart
        self.outer = outer
    }
}

/// The fiber and the hand-off slots of a generator. A generator that runs
/// inline on another generator's fiber (see `yield(from:)`) yields through
/// the host's core, which is why these do not depend on `Return` or `Failure`.
///
/// Not API: use ``Coroutine``.
public class _CoroutineCore<Yield, Sent>: _AnyCoroutine {
    /// The fiber while the body can run; `nil` before the start and after
    /// the end.
    @usableFromInline @exclusivity(unchecked)
    final var _fiber: OpaquePointer?

    @usableFromInline @exclusivity(unchecked)
    final var _status: _Status = .created

    /// The hand-off slots, at the top of the fiber's stack while it has one:
    /// the value of the last `yield` (at offset 0) until the consumer takes
    /// it, and a sent value (at `_sentOffset`) until the body takes it.
    /// Raw memory rather than `Optional` fields, so that creating and
    /// destroying a generator needs no generic metadata.
    @usableFromInline @exclusivity(unchecked)
    final var _slots: UnsafeMutableRawPointer?

    /// How the consumer resumed the generator, and the payload for `send`
    /// and `raise`.
    @usableFromInline @exclusivity(unchecked)
    final var _commandKind: _CommandKind = .next

    @usableFromInline @exclusivity(unchecked)
    final var _raised: (any Error)?

    /// How many times a close signal was sent into the body (by `close()`
    /// or finalization). An inline delegation compares it with its value at
    /// the start to tell whether the close reached its delegate.
    @usableFromInline @exclusivity(unchecked)
    final var _closeRequests: UInt32 = 0

    /// The innermost delegation running inline on this fiber, if any: a
    /// record on the stack of its `yield(from:)` frame, linked to the one
    /// outside it (no allocation, nothing for `deinit` to release).
    @usableFromInline @exclusivity(unchecked)
    final var _innermostInline: UnsafeMutablePointer<_InlineDelegation>?

    /// Set when the body ignored a close where it cannot be left suspended:
    /// its fiber is parked for good (see `_abandon`).
    @usableFromInline @exclusivity(unchecked)
    final var _abandoned = false

    /// What a `yield` on `fiber` does while the body is being closed: it
    /// returns when the `yield` is to suspend (`close()` then reports the
    /// ignored close and leaves the generator suspended, spec 2.13), throws
    /// the close signal again, or abandons the body.
    ///
    /// A delegate that runs inline and was sent the close signal, and yields,
    /// ignored it: PEP 380 makes the delegator's `yield from` raise
    /// `RuntimeError` and drops the delegate, and dropping it throws the
    /// close signal at its `yield` once more (CPython does that later, when
    /// it drops the delegate; its frames here sit on the delegator's stack,
    /// so it happens first). If it yields again, or if the body itself
    /// yields while being finalized (nobody can resume it), it is abandoned.
    ///
    /// The delegate that ignored it is the innermost one the close reached:
    /// delegations its cleanup began after the close are inside it (found by
    /// the differential fuzzer). The second signal counts as a new close, so
    /// that those inner delegations, which it reaches too, hand it on to
    /// their delegator even if they catch it and return (PEP 380: closing
    /// the delegate closes its own `yield from` first).
    @usableFromInline
    final func _yieldWhileClosing(_ fiber: OpaquePointer) throws {
        var reached = _innermostInline
        while let record = reached, record.pointee.closeRequestsAtStart == _closeRequests {
            reached = record.pointee.outer
        }
        if let ignoring = reached {
            if ignoring.pointee.ignoredClose { _abandon(fiber) }
            ignoring.pointee.ignoredClose = true
            _closeRequests &+= 1
            throw _closeSignal
        }
        if _status == .finalizing { _abandon(fiber) }
    }

    /// Parks the body on `fiber` for good and switches to the consumer: the
    /// generator is finished, its stack is never given back to the pool, and
    /// the frames on it are never unwound, so what they hold is never
    /// released. The consumer's `close()` or finalization reports it.
    @usableFromInline
    final func _abandon(_ fiber: OpaquePointer) -> Never {
        _abandoned = true
        var delegation = _innermostInline
        while let record = delegation {
            record.pointee.delegate._withUnsafeGuaranteedRef { $0._endInline() }
            delegation = record.pointee.outer
        }
        _innermostInline = nil
        _fiber = nil
        _slots = nil
        _status = .finished
        _ = _Fiber.suspend(fiber, owner: Unmanaged.passUnretained(self))
        fatalError("swift-generators: an abandoned generator body was resumed")
    }

    @inlinable
    override init() {
        super.init()
    }

    /// Where a sent value goes, after the yielded value.
    @inlinable
    static var _sentOffset: Int {
        let end = MemoryLayout<Yield>.size
        let alignment = MemoryLayout<Sent>.alignment
        return (end + alignment - 1) / alignment * alignment
    }

    /// The bytes the slots need at the top of the stack.
    @inlinable
    static var _slotBytes: Int {
        precondition(
            MemoryLayout<Yield>.alignment <= 16 && MemoryLayout<Sent>.alignment <= 16,
            "generator values must not need more than 16-byte alignment"
        )
        return max(_sentOffset + MemoryLayout<Sent>.size, 1)
    }

    /// Puts the value of a `yield` in its slot.
    @inlinable @inline(__always)
    final func _storeYielded(_ value: Yield) {
        _slots.unsafelyUnwrapped.initializeMemory(as: Yield.self, to: value)
    }

    /// Takes the value of the last `yield` from its slot.
    @inlinable @inline(__always)
    final func _takeYielded() -> Yield {
        _slots.unsafelyUnwrapped.assumingMemoryBound(to: Yield.self).move()
    }

    /// Takes a sent value from its slot.
    @inlinable @inline(__always)
    final func _takeSent() -> Sent {
        (_slots.unsafelyUnwrapped + Self._sentOffset).assumingMemoryBound(to: Sent.self).move()
    }

    /// Records how the consumer resumes the generator.
    @inlinable @inline(__always)
    final func _setCommand(_ command: _ResumeCommand<Sent>) {
        switch command {
        case .next:
            _commandKind = .next
        case .send(let value):
            (_slots.unsafelyUnwrapped + Self._sentOffset).initializeMemory(as: Sent.self, to: value)
            _commandKind = .send
        case .raise(let error):
            _raised = error
            _commandKind = .raise
        case .close:
            _commandKind = .close
        }
    }

    /// Resumes the body paused on `fiber` with `command`: the one resume of
    /// every fast path. Returns the fiber and the core as the switch hands
    /// them back in registers (the caller may keep them there for its next
    /// resume), and the value the body yielded, `nil` if it ended.
    @inlinable @inline(__always)
    static func _resume(
        _ core: Unmanaged<_CoroutineCore>,
        _ fiber: OpaquePointer,
        _ command: _ResumeCommand<Sent>
    ) -> (fiber: OpaquePointer, core: Unmanaged<_CoroutineCore>, yielded: Yield?) {
        core._withUnsafeGuaranteedRef { core in
            core._setCommand(command)
            core._status = .running
        }
        let back = _Fiber.resume(fiber, owner: core)
        let yielded = back.owner._withUnsafeGuaranteedRef { core in
            core._status == .suspended ? core._takeYielded() : nil
        }
        return (back.fiber, back.owner, yielded)
    }

    /// Takes how the consumer resumed the generator.
    @inlinable
    final func _takeCommand() -> _ResumeCommand<Sent> {
        switch _commandKind {
        case .next: .next
        case .send: .send(_takeSent())
        case .raise: .raise(_raised.take().unsafelyUnwrapped)
        case .close: .close
        }
    }
}

/// The close signal, boxed once: throwing it at every close costs a retain
/// instead of an allocation.
@usableFromInline
let _closeSignal: any Error = GeneratorExit()

/// Whether `error` is the boxed close signal itself: an identity test (two
/// loads and a compare) where `is GeneratorExit` is a dynamic cast. A
/// `GeneratorExit` made elsewhere is not it.
@inlinable @inline(__always)
func _isCloseSignal(_ error: any Error) -> Bool {
    // unsafeBitCast: an `any Error` is one reference to its box, on every
    // platform (`as any Error` keeps the existential closed: opened, the
    // cast would take the value inside).
    unsafeBitCast(error as any Error, to: UnsafeRawPointer.self)
        == unsafeBitCast(_closeSignal as any Error, to: UnsafeRawPointer.self)
}
