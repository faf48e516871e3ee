/// A summary that can be made in parts and merged: the summary of a whole is the merge of the
/// summaries of its parts, in any grouping and any order. So a pipeline that folds into one
/// runs on a file's parts at once, on many files, or on many machines (each part's summary
/// sent as a document), and gives the answer it gives on the whole.
///
/// ```swift
/// var left = Counts<String>(), right = Counts<String>()
/// for word in ["a", "b", "a"] { left.add(word) }
/// for word in ["b", "a"] { right.add(word) }
/// left.merge(right)
/// print(left.top(1))   // [(key: "a", count: 3)]
/// ```
///
/// ``AccessLogSummary`` (exact), ``Counts`` (exact) and ``HeavyHitters`` (bounded, with a
/// stated error) conform; a type of yours that combines them conforms by adding and merging
/// each part.
///
/// - Important: `merge` must be associative and commutative, and an empty summary (``init()``)
///   must change nothing when merged: what the property tests of the package's conformers
///   check.
public protocol MergeableSummary<Element> {
    /// What the summary counts: a line, a word, a record.
    associatedtype Element

    /// An empty summary.
    init()

    /// Counts one more element.
    mutating func add(_ element: Element)

    /// Adds everything `other` counted.
    mutating func merge(_ other: Self)
}

extension MergeableSummary {
    /// The summary of `elements` (a generator's values, a file's lines).
    ///
    /// ```swift
    /// let counts = Counts<Character>.of("hello")
    /// print(counts["l"])   // 2
    /// ```
    ///
    /// - Complexity: O(*n*) calls of ``MergeableSummary/add(_:)``.
    public static func of(_ elements: some Sequence<Element>) -> Self {
        var summary = Self()
        for element in elements { summary.add(element) }
        return summary
    }

    /// The merge of `parts`, in their order.
    public static func merging(_ parts: some Sequence<Self>) -> Self {
        var summary = Self()
        for part in parts { summary.merge(part) }
        return summary
    }
}

extension AccessLogSummary: MergeableSummary {
    /// A summary counts lines.
    public typealias Element = String

    /// Counts one line (a record or a malformed line): ``add(line:)-(String)``.
    public mutating func add(_ element: String) {
        add(line: element)
    }

    /// Adds everything `other` counted: ``merge(_:lineOffset:)`` with no offset.
    public mutating func merge(_ other: AccessLogSummary) {
        merge(other, lineOffset: 0)
    }
}
