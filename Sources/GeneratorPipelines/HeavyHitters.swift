/// The most frequent keys of a stream of any size in bounded memory, mergeable: the
/// Space-Saving sketch (Metwally, Agrawal and El Abbadi, 2005), merged as Cafaro, Pulimeno and
/// Tempesta's parallel Space-Saving (2016) merges it.
///
/// ```swift
/// var paths = HeavyHitters<String>(capacity: 100)
/// for path in requestPaths { paths.add(path) }
/// for hit in paths.top(3) { print(hit.key, hit.count, hit.count - hit.error) }
/// // /index.html 50213 50213     (at most `count`, at least `count - error` requests)
/// ```
///
/// It keeps at most ``capacity`` keys, each with a count that never undercounts and an
/// `error` that bounds the overcount. With *N* the ``total`` and *k* the capacity, whatever the
/// stream and however it was split and merged:
/// - every key counted more than *N* / *k* times is among the kept keys;
/// - each kept key's count is at most *N* / *k* above its true count (its `error`, often far
///   less), and a key not kept was counted at most ``minimumCount`` times (≤ *N* / *k*).
///
/// The package's property tests check both bounds on skewed streams split at random and merged
/// in random groupings. With 1,000 keys kept (the default), the heavy hitters of a million
/// lines are exact to within 1,000.
///
/// - Complexity: ``add(_:)`` O(log *k*); ``merge(_:)`` O(*k* log *k*); memory O(*k*).
public struct HeavyHitters<Key: Hashable>: MergeableSummary {
    /// How many keys are kept at most.
    public private(set) var capacity: Int
    /// How many elements were counted (what the error bound is a share of).
    public private(set) var total = 0

    /// A kept key: its true count is in `count - error ... count`.
    public struct Hit {
        public let key: Key
        /// An upper bound of the key's true count.
        public let count: Int
        /// How far `count` may be above the true count.
        public let error: Int
    }

    /// A min-heap by count; `positions` maps each key to its entry.
    private var heap: [Hit] = []
    private var positions: [Key: Int] = [:]

    /// A sketch that keeps 1,000 keys.
    public init() {
        self.init(capacity: 1000)
    }

    /// A sketch that keeps at most `capacity` keys.
    ///
    /// - Important: `capacity` must be at least 1 (a trap).
    public init(capacity: Int) {
        precondition(capacity >= 1, "HeavyHitters needs a capacity of at least 1")
        self.capacity = capacity
    }

    /// A sketch of exact counts: the `capacity` most counted keys, exactly (no error); any
    /// other key was counted at most ``minimumCount`` times. A bounded summary of a part
    /// whose exact counts are at hand (`gen logs --partial --max-keys`).
    ///
    /// - Important: `capacity` must be at least 1, and no count negative (traps).
    /// - Complexity: O(*k* log *k*) for *k* keys.
    public init(exactCounts counts: [Key: Int], capacity: Int) {
        self.init(capacity: capacity)
        precondition(counts.values.allSatisfy { $0 >= 0 }, "HeavyHitters: a negative count")
        total = counts.values.reduce(0, +)
        heap = counts.filter { $0.value > 0 }.sorted { $0.value > $1.value }.prefix(capacity).reversed().map {
            Hit(key: $0.key, count: $0.value, error: 0)
        }
        positions = Dictionary(uniqueKeysWithValues: heap.enumerated().map { ($0.element.key, $0.offset) })
    }

    /// The count of the least counted kept key when all ``capacity`` places are taken, else
    /// 0: any key not kept was counted at most this many times.
    public var minimumCount: Int {
        heap.count < capacity ? 0 : heap[0].count
    }

    /// Counts `key` once more.
    public mutating func add(_ key: Key) {
        add(key, count: 1)
    }

    /// Counts `key` `count` more times.
    ///
    /// - Important: `count` must not be negative (a trap).
    public mutating func add(_ key: Key, count: Int) {
        precondition(count >= 0, "HeavyHitters.add: a negative count")
        guard count > 0 else { return }
        total += count
        if let position = positions[key] {
            let hit = heap[position]
            heap[position] = Hit(key: key, count: hit.count + count, error: hit.error)
            siftDown(position)
        } else if heap.count < capacity {
            heap.append(Hit(key: key, count: count, error: 0))
            positions[key] = heap.count - 1
            siftUp(heap.count - 1)
        } else {
            // The least counted key gives its place: the newcomer may have been counted as
            // often as it was, unseen.
            let evicted = heap[0]
            positions[evicted.key] = nil
            heap[0] = Hit(key: key, count: evicted.count + count, error: evicted.count)
            positions[key] = 0
            siftDown(0)
        }
    }

    /// Adds everything `other` counted. A key kept by one side only is counted, on the other
    /// side, as that side's ``minimumCount`` (which bounds it there); the ``capacity`` most
    /// counted keys are kept, and the capacity is the smaller of the two (an empty sketch
    /// takes the other's).
    public mutating func merge(_ other: HeavyHitters) {
        guard other.total > 0 else { return }
        guard total > 0 else {
            self = other
            return
        }
        let mine = minimumCount
        let theirs = other.minimumCount
        var merged: [Key: Hit] = [:]
        merged.reserveCapacity(heap.count + other.heap.count)
        for hit in heap {
            merged[hit.key] = Hit(key: hit.key, count: hit.count + theirs, error: hit.error + theirs)
        }
        for hit in other.heap {
            if let position = positions[hit.key] {
                let known = heap[position]
                merged[hit.key] = Hit(key: hit.key, count: known.count + hit.count, error: known.error + hit.error)
            } else {
                merged[hit.key] = Hit(key: hit.key, count: hit.count + mine, error: hit.error + mine)
            }
        }
        capacity = min(capacity, other.capacity)
        total += other.total
        heap = Array(merged.values.sorted { $0.count > $1.count }.prefix(capacity).reversed())
        // Sorted ascending by count: already a min-heap.
        positions = Dictionary(uniqueKeysWithValues: heap.enumerated().map { ($0.element.key, $0.offset) })
    }

    /// The bounds of `key`'s true count: `count - error ... count` for a kept key,
    /// `0 ... minimumCount` for another.
    public func estimate(_ key: Key) -> ClosedRange<Int> {
        guard let position = positions[key] else { return 0...minimumCount }
        let hit = heap[position]
        return (hit.count - hit.error)...hit.count
    }

    /// The `n` kept keys with the highest counts, highest first.
    ///
    /// - Complexity: O(*k* log *k*).
    public func top(_ n: Int) -> [Hit] {
        Array(heap.sorted { $0.count > $1.count }.prefix(max(0, n)))
    }

    // MARK: - The heap

    private mutating func swapEntries(_ a: Int, _ b: Int) {
        heap.swapAt(a, b)
        positions[heap[a].key] = a
        positions[heap[b].key] = b
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].count < heap[parent].count else { return }
            swapEntries(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let child = right < heap.count && heap[right].count < heap[left].count ? right : left
            guard heap[child].count < heap[parent].count else { return }
            swapEntries(child, parent)
            parent = child
        }
    }
}

extension HeavyHitters: Sendable where Key: Sendable {}
extension HeavyHitters.Hit: Sendable where Key: Sendable {}
extension HeavyHitters.Hit: Equatable {}

extension HeavyHitters: Equatable {
    /// The same capacity, total and kept keys with the same counts and errors.
    public static func == (lhs: HeavyHitters, rhs: HeavyHitters) -> Bool {
        lhs.capacity == rhs.capacity && lhs.total == rhs.total
            && Dictionary(uniqueKeysWithValues: lhs.heap.map { ($0.key, $0) })
                == Dictionary(uniqueKeysWithValues: rhs.heap.map { ($0.key, $0) })
    }
}

/// `{"capacity": k, "total": n, "hits": [{"key": …, "count": c, "error": e}, …]}`.
///
/// - Important: Decoding checks what it reads (a capacity of at least 1 and no more hits than
///   it, distinct keys, `0 ≤ error ≤ count`, counts positive) and throws
///   `DecodingError.dataCorrupted` otherwise.
extension HeavyHitters: Codable where Key: Codable {
    private enum CodingKeys: String, CodingKey { case capacity, total, hits }
    private enum HitKeys: String, CodingKey { case key, count, error }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try container.decode(Int.self, forKey: .capacity)
        let total = try container.decode(Int.self, forKey: .total)
        guard capacity >= 1, total >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .capacity,
                in: container,
                debugDescription: "a capacity below 1 or a negative total"
            )
        }
        var hits = try container.nestedUnkeyedContainer(forKey: .hits)
        var decoded: [Hit] = []
        while !hits.isAtEnd {
            let hit = try hits.nestedContainer(keyedBy: HitKeys.self)
            let count = try hit.decode(Int.self, forKey: .count)
            let error = try hit.decode(Int.self, forKey: .error)
            guard count >= 1, error >= 0, error <= count else {
                throw DecodingError.dataCorruptedError(
                    forKey: .error,
                    in: hit,
                    debugDescription: "a hit needs 1 ≤ count and 0 ≤ error ≤ count"
                )
            }
            decoded.append(Hit(key: try hit.decode(Key.self, forKey: .key), count: count, error: error))
        }
        guard decoded.count <= capacity, Set(decoded.map(\.key)).count == decoded.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .hits,
                in: container,
                debugDescription: "more hits than the capacity, or a key twice"
            )
        }
        self.init(capacity: capacity)
        self.total = total
        heap = decoded.sorted { $0.count < $1.count }
        positions = Dictionary(uniqueKeysWithValues: heap.enumerated().map { ($0.element.key, $0.offset) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(total, forKey: .total)
        var hits = container.nestedUnkeyedContainer(forKey: .hits)
        for hit in top(heap.count) {
            var entry = hits.nestedContainer(keyedBy: HitKeys.self)
            try entry.encode(hit.key, forKey: .key)
            try entry.encode(hit.count, forKey: .count)
            try entry.encode(hit.error, forKey: .error)
        }
    }
}
