extension Sequence {
    /// Splits the sequence by key into lazy buckets, each an iterator over
    /// the elements with its key, in order (more-itertools' `bucket`).
    ///
    /// ```swift
    /// let readings = Generator<(String, Int)> { g in
    ///     for r in [("a", 1), ("b", 2), ("a", 3), ("c", 4)] { try g.yield(r) }
    /// }
    /// let bySensor = readings.buckets { $0.0 }
    /// print(Array(bySensor["a"]).map(\.1))   // [1, 3]
    /// print(Array(bySensor["c"]).map(\.1))   // [4]
    /// ```
    ///
    /// A bucket reads the sequence only as far as its next element, keeping
    /// the elements of other keys it passes for their buckets. swift-algorithms'
    /// `grouped(by:)` reads everything at once instead.
    ///
    /// - Important: Don't iterate the sequence itself afterwards. The
    ///   buckets share their state, so they are not `Sendable`.
    /// - Complexity: O(1) amortized per element read; O(*k*) memory for the
    ///   *k* elements read for buckets that have not taken them yet.
    public func buckets<Key: Hashable>(by key: @escaping (Element) -> Key) -> Buckets<Iterator, Key> {
        Buckets(base: makeIterator(), key: key)
    }
}

/// A sequence split by key; see `buckets(by:)`. Subscript it with a key for
/// that key's elements.
public final class Buckets<Base: IteratorProtocol, Key: Hashable> {
    /// `nil` once the source has run out.
    var base: Base?
    let key: (Base.Element) -> Key
    /// The elements read for a key and not taken yet:
    /// `elements[head...]`.
    struct Queue {
        var elements: [Base.Element]
        var head = 0
    }

    /// A queue for every key seen so far (empty once its bucket took all).
    var queues: [Key: Queue] = [:]
    /// The keys in the order they first appeared.
    var seen: [Key] = []

    init(base: Base, key: @escaping (Base.Element) -> Key) {
        self.base = base
        self.key = key
    }

    /// The elements with key `key`, in order.
    public subscript(key: Key) -> BucketIterator {
        BucketIterator(buckets: self, key: key)
    }

    /// Every key of the sequence, in the order they first appear (more-itertools'
    /// `list(bucket)`): it reads the whole sequence, keeping its elements
    /// for their buckets.
    ///
    /// - Complexity: O(*n*) for the *n* elements left.
    public var keys: [Key] {
        while readOne() != nil {}
        return seen
    }

    /// Reads one element from the source into its queue; returns its key.
    private func readOne() -> Key? {
        guard let element = base?.next() else {
            base = nil
            return nil
        }
        let elementKey = key(element)
        if let index = queues.index(forKey: elementKey) {
            queues.values[index].elements.append(element)
        } else {
            queues[elementKey] = Queue(elements: [element])
            seen.append(elementKey)
        }
        return elementKey
    }

    fileprivate func next(for wanted: Key) -> Base.Element? {
        while true {
            // One lookup, then the queue is changed in place through its
            // index, so that no copy keeps its array shared.
            if let index = queues.index(forKey: wanted), queues.values[index].head < queues.values[index].elements.count
            {
                let head = queues.values[index].head
                let element = queues.values[index].elements[head]
                if head + 1 == queues.values[index].elements.count {
                    queues.values[index] = Queue(elements: [])
                } else if head + 1 >= 32 && (head + 1) * 2 >= queues.values[index].elements.count {
                    // Drop the taken half, so that a bucket that keeps a
                    // little behind does not keep everything it has taken.
                    queues.values[index].elements.removeFirst(head + 1)
                    queues.values[index].head = 0
                } else {
                    queues.values[index].head = head + 1
                }
                return element
            }
            guard readOne() != nil else { return nil }
        }
    }

    /// The elements of one key, read lazily from the shared source.
    public struct BucketIterator: IteratorProtocol, Sequence {
        let buckets: Buckets
        let key: Key

        public mutating func next() -> Base.Element? {
            buckets.next(for: key)
        }
    }
}

@available(*, unavailable, message: "buckets share their state: use them from one context")
extension Buckets: Sendable {}
