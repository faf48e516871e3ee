import Synchronization

/// 64 bytes that keep the fields before and after it off each other's cache
/// line, so the producer's writes do not slow down the consumer's reads.
@usableFromInline
struct _CacheLinePadding {
    @usableFromInline
    var words: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)

    @inlinable
    init() {}
}

/// A bounded first-in, first-out queue for one producer and one consumer,
/// without locks on the way of a value: the queue of an async generator that
/// runs ahead.
///
/// The producer writes a slot, then publishes it by storing `tail`; the
/// consumer reads it after loading `tail`, then gives it back by storing
/// `head`. Each side keeps a cached copy of the other's index and reloads it
/// only when the queue looks full (producer) or empty (consumer).
///
/// Parking is the caller's business (under its lock); the queue provides the
/// two handshakes that make sure neither side parks while the other has
/// just made progress: a side announces it is about to park
/// (``consumerShouldPark()``, ``producerShouldPark()``) with a
/// sequentially consistent store and re-checks the other's index, and the
/// other side, after a sequentially consistent store of its own index, checks
/// the announcement (``push(_:)`` and ``pop(wakeProducer:)``).
///
/// - Important: At most one producer call and one consumer call run at a
///   time. The generator guarantees it: its body is one task, and its
///   consumer operations hold the ``consumerBusy`` flag.
@usableFromInline
final class SPSCRing<Element>: @unchecked Sendable {
    // Safety: each side touches only its own fields and slots; the atomic stores of tail/head hand slots over.

    // Read-only after init.
    @usableFromInline
    let slots: UnsafeMutablePointer<Element>
    @usableFromInline
    let mask: Int
    /// The producer parks when this many values wait.
    @usableFromInline
    let high: Int
    /// A parked producer is woken once no more than this many values wait.
    @usableFromInline
    let low: Int
    @usableFromInline
    let _padding0 = _CacheLinePadding()

    /// Each side's own indices, in raw memory (no exclusivity checks), the
    /// producer's and the consumer's on separate cache lines.
    @usableFromInline
    let locals: UnsafeMutableRawPointer

    /// The producer's next index (producer only).
    @inlinable
    var producerTail: Int {
        get { locals.load(as: Int.self) }
        set { locals.storeBytes(of: newValue, as: Int.self) }
    }

    /// The consumer's index as the producer last saw it (producer only).
    @inlinable
    var producerHeadCache: Int {
        get { locals.load(fromByteOffset: 8, as: Int.self) }
        set { locals.storeBytes(of: newValue, toByteOffset: 8, as: Int.self) }
    }

    /// The consumer's next index (consumer only).
    @inlinable
    var consumerHead: Int {
        get { locals.load(fromByteOffset: 128, as: Int.self) }
        set { locals.storeBytes(of: newValue, toByteOffset: 128, as: Int.self) }
    }

    /// The producer's index as the consumer last saw it (consumer only).
    @inlinable
    var consumerTailCache: Int {
        get { locals.load(fromByteOffset: 136, as: Int.self) }
        set { locals.storeBytes(of: newValue, toByteOffset: 136, as: Int.self) }
    }

    // The producer's line.
    @usableFromInline
    let tail = Atomic<Int>(0)
    @usableFromInline
    let _padding1 = _CacheLinePadding()

    // The consumer's line.
    @usableFromInline
    let head = Atomic<Int>(0)
    /// Set while a consumer operation runs; a second one is refused.
    @usableFromInline
    let consumerBusy = Atomic<Bool>(false)
    @usableFromInline
    let _padding2 = _CacheLinePadding()

    // Rarely written; read by the producer for every value.
    /// The consumer is parked (or about to park) waiting for a value.
    @usableFromInline
    let consumerWaiting = Atomic<Bool>(false)
    /// The producer is parked (or about to park) waiting for room.
    @usableFromInline
    let producerWaiting = Atomic<Bool>(false)
    /// The consumer wants the producer to stop at its next value.
    @usableFromInline
    let interrupted = Atomic<Bool>(false)
    @usableFromInline
    let _padding3 = _CacheLinePadding()

    init(low: Int, high: Int) {
        precondition(high >= 1 && low >= 0 && low < high, "run-ahead watermarks need 0 <= low < high")
        var capacity = 1
        while capacity < high { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        mask = capacity - 1
        locals = .allocate(byteCount: 256, alignment: 64)
        locals.initializeMemory(as: Int.self, repeating: 0, count: 256 / MemoryLayout<Int>.stride)
        self.high = high
        self.low = low
    }

    deinit {
        // Nobody else holds the queue: the indices are final.
        let end = tail.load(ordering: .relaxed)
        var index = head.load(ordering: .relaxed)
        while index != end {
            (slots + (index & mask)).deinitialize(count: 1)
            index += 1
        }
        slots.deallocate()
        locals.deallocate()
    }

    // MARK: - Producer

    @usableFromInline
    enum PushResult {
        /// The value is in the queue.
        case pushed
        /// The value is in the queue and the consumer waits for it: wake it.
        case pushedToWaitingConsumer
        /// `high` values wait: the value was not taken.
        case full
        /// The consumer asked the producer to stop: the value was not taken.
        case interrupted
    }

    /// Appends `value` unless the queue is full or the consumer interrupted.
    @inlinable
    func push(_ value: Element) -> PushResult {
        if interrupted.load(ordering: .relaxed) { return .interrupted }
        let index = producerTail
        if index - producerHeadCache >= high {
            producerHeadCache = head.load(ordering: .acquiring)
            if index - producerHeadCache >= high { return .full }
        }
        (slots + (index & mask)).initialize(to: value)
        producerTail = index + 1
        // Sequentially consistent, so that this store and the load below
        // cannot both miss the consumer's announcement (consumerShouldPark).
        tail.store(index + 1, ordering: .sequentiallyConsistent)
        return consumerWaiting.load(ordering: .sequentiallyConsistent) ? .pushedToWaitingConsumer : .pushed
    }

    /// The producer is about to park for room: announces it, then returns
    /// `false` (withdrawing the announcement) if the consumer has already
    /// brought the queue down to `low`.
    @inlinable
    func producerShouldPark() -> Bool {
        producerWaiting.store(true, ordering: .sequentiallyConsistent)
        if producerTail - head.load(ordering: .sequentiallyConsistent) > low { return true }
        producerWaiting.store(false, ordering: .relaxed)
        return false
    }

    // MARK: - Consumer

    /// Starts a consumer operation; `false` if one is already running.
    @inlinable
    func beginConsumerOperation() -> Bool {
        !consumerBusy.exchange(true, ordering: .acquiring)
    }

    @inlinable
    func endConsumerOperation() {
        consumerBusy.store(false, ordering: .releasing)
    }

    /// Takes the oldest value, or returns `nil` when the queue is empty.
    /// Sets `wakeProducer` when the producer may be parked waiting for the
    /// room this made.
    @inlinable
    func pop(wakeProducer: inout Bool) -> Element? {
        let index = consumerHead
        var reloaded = false
        if index == consumerTailCache {
            consumerTailCache = tail.load(ordering: .acquiring)
            if index == consumerTailCache { return nil }
            reloaded = true
        }
        let value = (slots + (index & mask)).move()
        consumerHead = index + 1
        // The producer parks only with more than `low` values waiting, so
        // the consumer checks for it when the count it knows of comes down
        // to `low`, or after a reload (the count may have jumped past it).
        if reloaded || consumerTailCache - (index + 1) == low {
            head.store(index + 1, ordering: .sequentiallyConsistent)
            wakeProducer = producerWaiting.load(ordering: .sequentiallyConsistent)
        } else {
            head.store(index + 1, ordering: .releasing)
        }
        return value
    }

    /// The consumer is about to park for a value: announces it, then
    /// returns `false` (withdrawing the announcement) if a value arrived.
    @inlinable
    func consumerShouldPark() -> Bool {
        consumerWaiting.store(true, ordering: .sequentiallyConsistent)
        if tail.load(ordering: .sequentiallyConsistent) == consumerHead { return true }
        consumerWaiting.store(false, ordering: .relaxed)
        return false
    }

    /// Announces (under the caller's lock) that the consumer waits, or no
    /// longer does.
    @inlinable
    func setConsumerWaiting(_ waiting: Bool) {
        consumerWaiting.store(waiting, ordering: .sequentiallyConsistent)
    }

    /// Withdraws (under the caller's lock) a parked producer's announcement.
    @inlinable
    func withdrawProducerWaiting() {
        producerWaiting.store(false, ordering: .sequentiallyConsistent)
    }

    /// Asks the producer to stop at its next value, or no longer.
    @inlinable
    func setInterrupted(_ interrupted: Bool) {
        self.interrupted.store(interrupted, ordering: .sequentiallyConsistent)
    }

    @inlinable
    var isConsumerBusy: Bool {
        consumerBusy.load(ordering: .relaxed)
    }

    /// Where the producer's values end (one past the last).
    @inlinable
    var end: Int {
        tail.load(ordering: .acquiring)
    }

    /// Whether a value waits, seen from the consumer.
    @inlinable
    var consumerSeesValues: Bool {
        tail.load(ordering: .acquiring) != consumerHead
    }

    /// Drops the values before `end` (the producer's position when it
    /// acknowledged an interruption).
    @inlinable
    func discard(upTo end: Int) {
        var index = consumerHead
        while index < end {
            (slots + (index & mask)).deinitialize(count: 1)
            index += 1
        }
        consumerHead = index
        consumerTailCache = Swift.max(consumerTailCache, index)
        head.store(index, ordering: .sequentiallyConsistent)
    }

    /// Drops every value that waits.
    @inlinable
    func discardAll() {
        discard(upTo: tail.load(ordering: .acquiring))
    }

    /// The number of values waiting, for diagnostics (racy by nature).
    @inlinable
    var count: Int {
        tail.load(ordering: .acquiring) - head.load(ordering: .acquiring)
    }
}
