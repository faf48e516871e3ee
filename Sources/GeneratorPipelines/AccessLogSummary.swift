/// What a run over an access log found: requests, bytes, statuses, the
/// busiest paths, hosts and referrers, and the lines that were not records.
/// It holds one count per distinct key, never the lines.
///
/// ```swift
/// var summary = AccessLogSummary()
/// for line in try FileLines(path: "access.log") { summary.add(line: line) }
/// print(summary.requests, summary.top(\.paths, 3))
/// ```
public struct AccessLogSummary: Sendable, Equatable {
    /// Records read.
    public private(set) var requests = 0
    /// The bytes sent, over all records.
    public private(set) var bytesSent = 0
    /// Records per status code.
    public private(set) var statuses: [Int: Int] = [:]
    /// Records per path (query string included).
    public private(set) var paths: [String: Int] = [:]
    /// Records per client host.
    public private(set) var hosts: [String: Int] = [:]
    /// Records per referrer (`-`, no referrer, is not counted).
    public private(set) var referrers: [String: Int] = [:]
    /// Lines that were not records.
    public private(set) var malformedLines = 0
    /// The first few malformed lines, with their line numbers.
    public private(set) var malformedExamples: [(lineNumber: Int, line: String)] = []
    /// How many malformed lines are kept as examples.
    public static let malformedExampleLimit = 5

    private var lineNumber = 0

    public init() {}

    /// Counts one line: a record, or a malformed line.
    ///
    /// - Complexity: O(*n*) in the line's length, plus three dictionary
    ///   updates.
    public mutating func add(line: String) {
        lineNumber += 1
        guard let record = AccessLogRecord(parsing: line) else {
            malformedLines += 1
            if malformedExamples.count < Self.malformedExampleLimit {
                malformedExamples.append((lineNumber, line))
            }
            return
        }
        add(record)
    }

    /// Counts one record.
    public mutating func add(_ record: AccessLogRecord) {
        requests += 1
        bytesSent += record.bytes
        statuses[record.status, default: 0] += 1
        paths[String(record.path), default: 0] += 1
        hosts[String(record.host), default: 0] += 1
        if let referrer = record.referrer, referrer != "-" {
            referrers[String(referrer), default: 0] += 1
        }
    }

    /// The `count` keys with the most records, most first (ties by key).
    public func top(_ counts: KeyPath<AccessLogSummary, [String: Int]>, _ count: Int) -> [(key: String, count: Int)] {
        self[keyPath: counts].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(count).map { ($0.key, $0.value) }
    }

    public static func == (lhs: AccessLogSummary, rhs: AccessLogSummary) -> Bool {
        lhs.requests == rhs.requests && lhs.bytesSent == rhs.bytesSent && lhs.statuses == rhs.statuses
            && lhs.paths == rhs.paths && lhs.hosts == rhs.hosts && lhs.referrers == rhs.referrers
            && lhs.malformedLines == rhs.malformedLines
    }
}
