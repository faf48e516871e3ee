/// Exact counts by key, mergeable: Python's `collections.Counter`.
///
/// ```swift
/// var statuses = Counts<Int>()
/// for status in [200, 404, 200] { statuses.add(status) }
/// print(statuses[200], statuses.top(1))   // 2 [(key: 200, count: 2)]
/// ```
///
/// Its memory follows the number of distinct keys; for more keys than memory allows, use
/// ``HeavyHitters``, which keeps a bounded number with a stated error.
///
/// - Complexity: ``add(_:)`` O(1) on average; ``merge(_:)`` O(*k*) for *k* keys of the other.
public struct Counts<Key: Hashable>: MergeableSummary {
    /// The count of each key seen (never 0).
    public private(set) var counts: [Key: Int] = [:]
    /// How many elements were counted.
    public private(set) var total = 0

    public init() {}

    /// Counts `key` once more.
    public mutating func add(_ key: Key) {
        add(key, count: 1)
    }

    /// Counts `key` `count` more times.
    ///
    /// - Important: `count` must not be negative (a trap).
    public mutating func add(_ key: Key, count: Int) {
        precondition(count >= 0, "Counts.add: a negative count")
        guard count > 0 else { return }
        counts[key, default: 0] += count
        total += count
    }

    public mutating func merge(_ other: Counts) {
        counts.merge(other.counts, uniquingKeysWith: +)
        total += other.total
    }

    /// The count of `key`; 0 if it was never seen.
    public subscript(key: Key) -> Int {
        counts[key, default: 0]
    }

    /// The `n` keys with the highest counts, highest first (ties in no particular order).
    ///
    /// - Complexity: O(*k* log *k*) for *k* keys.
    public func top(_ n: Int) -> [(key: Key, count: Int)] {
        counts.sorted { $0.value > $1.value }.prefix(max(0, n)).map { ($0.key, $0.value) }
    }
}

extension Counts: Sendable where Key: Sendable {}
extension Counts: Equatable {}

/// `{"counts": {key: count, …}, "total": n}` (a key that is not a string or a number makes the
/// table an array of alternating keys and counts, as `Dictionary`'s coding does).
///
/// - Important: Decoding checks what it reads (every count positive, the total their sum) and
///   throws `DecodingError.dataCorrupted` otherwise.
extension Counts: Codable where Key: Codable {
    private enum CodingKeys: String, CodingKey { case counts, total }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let counts = try container.decode([Key: Int].self, forKey: .counts)
        let total = try container.decode(Int.self, forKey: .total)
        guard counts.values.allSatisfy({ $0 > 0 }) else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "a count below 1")
        }
        let sum = counts.values.reduce(0) { $0.addingReportingOverflow($1).partialValue }
        guard sum == total else {
            throw DecodingError.dataCorruptedError(
                forKey: .total,
                in: container,
                debugDescription: "the total \(total) is not the sum of the counts, \(sum)"
            )
        }
        self.counts = counts
        self.total = total
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(total, forKey: .total)
    }
}
