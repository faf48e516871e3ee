#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Counts per distinct byte string, looked up by bytes without making a
/// `String`. A new key costs its bytes once; a known key costs a hash, a
/// slot and one comparison, and no allocation.
///
/// Layout, chosen for big tables (a gigabyte of log has hundreds of
/// thousands of distinct paths, and then every lookup is a cache miss):
/// each entry is `[length: UInt32][count: Int64][key bytes]` in a
/// ``_ByteArena``, and the open-addressing slot array holds the entry's
/// location with 20 bits of its hash. A lookup touches one slot and one
/// entry: two cache misses, where a table of separate arrays (offsets,
/// lengths, hashes, counts) took six. The arena grows by blocks of 1 MiB,
/// never by copying, so memory follows the distinct keys without the
/// doubling peaks of an array.
///
/// The hash reads eight bytes per step and mixes them with a 128-bit
/// multiply (after wyhash), keyed with a random seed per process, so a log
/// written to collide would have to know the seed. (`Hasher`, SipHash,
/// was a quarter of `gen logs`' time.)
struct _ByteCounts: Sendable {
    /// This process's hash key.
    private static let processSeed = UInt64.random(in: .min ... .max)
    private let seed = _ByteCounts.processSeed
    private var arena = _ByteArena()
    /// Per slot: 0 when empty, else `fingerprint << 44 | (location + 1)`.
    private var slots = [UInt64](repeating: 0, count: 16)
    /// The number of distinct keys.
    private(set) var count = 0

    private static let locationBits: UInt64 = 44
    private static let locationMask: UInt64 = 1 << 44 - 1
    private static let headerSize = 12

    /// A lookup under way: the key's hash, its first slot's value and, when
    /// that slot's fingerprint matches, its entry's length. Made in stages
    /// (``probe(_:)``, ``peek(_:)``, then ``add(_:amount:probe:)``), so that
    /// a caller with several tables issues the slow memory reads of all of
    /// them before waiting on any: on a big table each is a cache miss, and
    /// the processor overlaps independent misses.
    struct Probe {
        fileprivate var hash: UInt64
        fileprivate var slot: Int
        fileprivate var value: UInt64
        fileprivate var length = UInt32.max
    }

    /// Stage one: hashes `key` and reads its first slot.
    @inline(__always)
    func probe(_ key: UnsafeBufferPointer<UInt8>) -> Probe {
        let hash = Self.hash(UnsafeRawBufferPointer(key), seed: seed)
        let slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        return Probe(hash: hash, slot: slot, value: slots[slot])
    }

    /// Stage two: reads the entry the first slot names, if its fingerprint
    /// matches.
    @inline(__always)
    func peek(_ probe: inout Probe) {
        guard probe.value != 0, probe.value >> Self.locationBits == probe.hash >> Self.locationBits else { return }
        probe.length = arena.pointer(Int(probe.value & Self.locationMask) - 1).loadUnaligned(as: UInt32.self)
    }

    /// Adds `amount` to the count of `key`; returns the key's location (for
    /// ``add(amount:at:)``).
    @discardableResult
    mutating func add(_ key: UnsafeBufferPointer<UInt8>, amount: Int = 1) -> Int {
        var probe = probe(key)
        peek(&probe)
        return add(key, amount: amount, probe: probe)
    }

    /// Stage three: adds `amount` to the count of `key`, found or new;
    /// returns its location.
    @discardableResult
    mutating func add(_ key: UnsafeBufferPointer<UInt8>, amount: Int = 1, probe: Probe) -> Int {
        if !isKnownUniquelyReferenced(&arena) { arena = arena.copy() }
        let raw = UnsafeRawBufferPointer(key)
        let fingerprint = probe.hash >> Self.locationBits
        let mask = slots.count - 1
        var slot = probe.slot
        var value = probe.value
        var length = probe.length
        while value != 0 {
            if value >> Self.locationBits == fingerprint {
                let location = Int(value & Self.locationMask) - 1
                let entry = arena.pointer(location)
                if length == UInt32.max { length = entry.loadUnaligned(as: UInt32.self) }
                if length == UInt32(truncatingIfNeeded: key.count),
                    key.count == 0 || memcmp(entry + Self.headerSize, raw.baseAddress!, key.count) == 0
                {
                    let count = entry.loadUnaligned(fromByteOffset: 4, as: Int.self)
                    entry.storeBytes(of: count + amount, toByteOffset: 4, as: Int.self)
                    return location
                }
            }
            slot = (slot + 1) & mask
            value = slots[slot]
            length = UInt32.max
        }
        // A new key.
        let (location, entry) = arena.allocate(Self.headerSize + key.count)
        entry.storeBytes(of: UInt32(truncatingIfNeeded: key.count), as: UInt32.self)
        entry.storeBytes(of: amount, toByteOffset: 4, as: Int.self)
        if key.count > 0 { (entry + Self.headerSize).copyMemory(from: raw.baseAddress!, byteCount: key.count) }
        slots[slot] = fingerprint << Self.locationBits | UInt64(location + 1)
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return location
    }

    /// Adds `amount` to the count of the key at `location`, which
    /// ``add(_:amount:)`` returned.
    mutating func add(amount: Int = 1, at location: Int) {
        if !isKnownUniquelyReferenced(&arena) { arena = arena.copy() }
        let entry = arena.pointer(location)
        entry.storeBytes(
            of: entry.loadUnaligned(fromByteOffset: 4, as: Int.self) + amount,
            toByteOffset: 4,
            as: Int.self
        )
    }

    private mutating func grow() {
        var fresh = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = fresh.count - 1
        arena.forEachEntry { location, entry in
            let length = Int(entry.loadUnaligned(as: UInt32.self))
            let hash = Self.hash(UnsafeRawBufferPointer(start: entry + Self.headerSize, count: length), seed: seed)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = (hash >> Self.locationBits) << Self.locationBits | UInt64(location + 1)
        }
        slots = fresh
    }

    /// Calls `body` with each key and its count, in the order the keys came.
    func forEachKey(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ count: Int) throws -> Void) rethrows {
        try arena.forEachEntry { _, entry in
            let length = Int(entry.loadUnaligned(as: UInt32.self))
            let key = UnsafeBufferPointer(
                start: (entry + Self.headerSize).assumingMemoryBound(to: UInt8.self),
                count: length
            )
            try body(key, entry.loadUnaligned(fromByteOffset: 4, as: Int.self))
        }
    }

    /// Adds every count of `other`.
    mutating func merge(_ other: _ByteCounts) {
        other.forEachKey { key, count in add(key, amount: count) }
    }

    /// The counts by key, decoded as UTF-8 (invalid bytes replaced with
    /// U+FFFD; keys that become equal then are summed).
    func strings() -> [String: Int] {
        var result: [String: Int] = [:]
        result.reserveCapacity(count)
        forEachKey { key, count in result[String(decoding: key, as: UTF8.self), default: 0] += count }
        return result
    }

    /// The `limit` keys with the highest counts, highest first, ties in the
    /// order of their bytes; decoded as UTF-8.
    ///
    /// Only the keys that can be among them become strings: O(*k*) to find
    /// the cut-off count, then a sort of the candidates. A key with invalid
    /// UTF-8 may decode to the same string as another, so a table holding
    /// one is ranked through ``strings()`` instead.
    func top(_ limit: Int) -> [(key: String, count: Int)] {
        guard limit > 0, count > 0 else { return [] }
        var counts: [Int] = []
        counts.reserveCapacity(count)
        var allValid = true
        forEachKey { key, count in
            counts.append(count)
            if allValid, String(validating: key, as: UTF8.self) == nil { allValid = false }
        }
        guard allValid else {
            return strings().sorted {
                $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8)
            }
            .prefix(limit).map { ($0.key, $0.value) }
        }
        // The cut-off: the limit-th highest count.
        let cutoff: Int
        if limit >= counts.count {
            cutoff = counts.min()!
        } else {
            counts.sort(by: >)
            cutoff = counts[limit - 1]
        }
        var candidates: [(key: [UInt8], count: Int)] = []
        forEachKey { key, count in
            if count >= cutoff { candidates.append((Array(key), count)) }
        }
        candidates.sort { $0.count != $1.count ? $0.count > $1.count : $0.key.lexicographicallyPrecedes($1.key) }
        return candidates.prefix(limit).map { (String(decoding: $0.key, as: UTF8.self), $0.count) }
    }

    /// The bytes this table holds: its arena blocks and its slots.
    var footprint: Int { arena.footprint + slots.capacity * 8 }

    /// The hash of `bytes`: eight bytes per step, each step a 64 × 64 →
    /// 128-bit multiply folded to 64 bits (wyhash's mix).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        let count = bytes.count
        var state = seed ^ mix(UInt64(count) ^ 0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB)
        guard let base = bytes.baseAddress, count > 0 else { return mix(state, 0x8EBC_6AF0_9C88_C6E3) }
        var offset = 0
        while offset + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = mix(state ^ word, 0xE703_7ED1_A0B4_28DB)
            offset += 8
        }
        if offset < count {
            // The last 1...7 bytes: the final eight when there are eight,
            // else byte by byte.
            var word: UInt64 = 0
            if count >= 8 {
                word = base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                for index in 0..<count {
                    word |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << (index * 8)
                }
            }
            state = mix(state ^ word, 0x8EBC_6AF0_9C88_C6E3)
        }
        return mix(state, 0x5899_65CC_7537_4CC3)
    }
}

/// The memory of a ``_ByteCounts``: blocks of 1 MiB (a longer entry gets a
/// block of its own), filled in order and never moved, so a location
/// (block << 20 | offset) stays valid.
///
/// `@unchecked Sendable`: it is mutated only through a `_ByteCounts` that
/// holds the only reference (copy-on-write), like an array's storage.
final class _ByteArena: @unchecked Sendable {
    static let blockSize = 1 << 20
    private var blocks: [UnsafeMutableRawPointer] = []
    private var used: [Int] = []

    init() {}

    deinit {
        for block in blocks { block.deallocate() }
    }

    func copy() -> _ByteArena {
        let copy = _ByteArena()
        for (block, used) in zip(blocks, used) {
            let fresh = UnsafeMutableRawPointer.allocate(byteCount: max(used, Self.blockSize), alignment: 16)
            fresh.copyMemory(from: block, byteCount: used)
            copy.blocks.append(fresh)
            copy.used.append(used)
        }
        return copy
    }

    @inline(__always)
    func pointer(_ location: Int) -> UnsafeMutableRawPointer {
        blocks[location >> 20] + (location & (Self.blockSize - 1))
    }

    /// Room for `size` bytes: its location and its address.
    func allocate(_ size: Int) -> (location: Int, pointer: UnsafeMutableRawPointer) {
        if let last = used.last, last + size <= Self.blockSize {
            used[used.count - 1] = last + size
            let block = blocks.count - 1
            return (block << 20 | last, blocks[block] + last)
        }
        blocks.append(.allocate(byteCount: max(size, Self.blockSize), alignment: 16))
        // A longer entry fills its own block: nothing else goes in it.
        used.append(size > Self.blockSize ? Self.blockSize : size)
        return ((blocks.count - 1) << 20, blocks[blocks.count - 1])
    }

    /// Each entry's location and address, in the order they were made.
    func forEachEntry(_ body: (_ location: Int, _ entry: UnsafeMutableRawPointer) throws -> Void) rethrows {
        for (index, block) in blocks.enumerated() {
            var offset = 0
            while offset < used[index] {
                try body(index << 20 | offset, block + offset)
                let length = Int(block.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                offset += 12 + length
                if offset > Self.blockSize { break }  // an oversized entry
            }
        }
    }

    /// The bytes held.
    var footprint: Int { blocks.count * Self.blockSize }
}
