/// What a run over access logs found: requests, bytes, statuses, requests
/// per hour, the busiest paths, hosts and referrers, and the lines that were
/// not records (counted, the first few kept with file and line number).
///
/// It holds one count per distinct key, never the lines: its memory follows
/// the number of distinct hosts, paths, referrers and hours.
///
/// ```swift
/// var summary = AccessLogSummary()
/// summary.beginFile("access.log")
/// try ByteLines(path: "access.log").forEachLine { summary.add(line: $0) }
/// print(summary.requests, summary.top(.paths, 1))
/// // 9999 [(key: "/favicon.ico", count: 807)]
/// ```
///
/// Lines are parsed as bytes (see ``AccessLogRecord`` for the format) and
/// counted by their bytes, with no `String` made per line; the keys become
/// strings when you read ``paths``, ``hosts``, ``referrers`` or
/// ``requestsPerHour`` (invalid UTF-8 replaced with U+FFFD).
///
/// Summaries of parts of a log ``merge(_:lineOffset:)`` into the summary of
/// the whole.
public struct AccessLogSummary: Sendable, Equatable {
    /// Lines read (records and malformed lines).
    public internal(set) var lines = 0
    /// Records read.
    public internal(set) var requests = 0
    /// The bytes sent, over all records (stops at `Int.max`).
    public internal(set) var bytesSent = 0
    /// Lines that were not records.
    public internal(set) var malformedLines = 0
    /// Lines that held invalid UTF-8 (records or not): their keys are
    /// counted with U+FFFD in place of the bad bytes.
    public internal(set) var linesWithInvalidUTF8 = 0
    /// The first ``malformedExampleLimit`` malformed lines, in the order read.
    public internal(set) var malformedExamples: [MalformedLine] = []
    /// How many malformed lines are kept as examples.
    public static let malformedExampleLimit = 5

    var statusCounts = [Int](repeating: 0, count: 1000)
    var pathCounts = _ByteCounts()
    var hostCounts = _ByteCounts()
    var referrerCounts = _ByteCounts()
    var hourCounts = _ByteCounts()
    /// The last record's hour, as the raw bytes of its time without
    /// minutes and seconds, and its entry in `hourCounts`: logs are in time
    /// order, so most lines repeat the hour before and skip its hash.
    private var lastHour: (first: UInt64, middle: UInt64, zone: UInt64, entry: Int)?
    private var currentPath = ""
    private var lineNumber = 0

    public init() {}

    /// Starts a file: line numbers count from 1 again and malformed lines
    /// name `path`.
    public mutating func beginFile(_ path: String, firstLineNumber: Int = 1) {
        currentPath = path
        lineNumber = firstLineNumber - 1
    }

    /// Records per status code.
    public var statuses: [Int: Int] {
        var result: [Int: Int] = [:]
        for (status, count) in statusCounts.enumerated() where count > 0 { result[status] = count }
        return result
    }

    /// Records per path (query string included).
    ///
    /// - Complexity: O(*k*) for *k* distinct paths: made on each access.
    public var paths: [String: Int] { pathCounts.strings() }
    /// Records per client host.
    ///
    /// - Complexity: O(*k*) for *k* distinct hosts: made on each access.
    public var hosts: [String: Int] { hostCounts.strings() }
    /// Records per referrer (`-`, no referrer, is not counted).
    ///
    /// - Complexity: O(*k*) for *k* distinct referrers: made on each access.
    public var referrers: [String: Int] { referrerCounts.strings() }

    /// Records per hour, oldest first; the hour is written
    /// `yyyy-mm-dd HH:00 +zzzz` in the log's own time zone, and records whose
    /// time is not `dd/Mon/yyyy:HH:MM:SS +zzzz` count under `-`.
    public var requestsPerHour: [(hour: String, count: Int)] {
        hourCounts.strings().sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Counts one line: a record, or a malformed line.
    ///
    /// - Returns: Whether the line was a record.
    /// - Complexity: O(*n*) in the line's length, plus five hash-table
    ///   updates; no allocation unless a key is new.
    @discardableResult
    public mutating func add(line: Span<UInt8>) -> Bool {
        line.withUnsafeBufferPointer { add(bytes: $0) }
    }

    /// Counts one line: a record, or a malformed line.
    @discardableResult
    public mutating func add(line: String) -> Bool {
        var line = line
        line.makeContiguousUTF8()
        return line.utf8.withContiguousStorageIfAvailable { add(bytes: $0) } ?? false
    }

    /// Counts one line: a record, or a malformed line.
    @discardableResult
    public mutating func add(line: ArraySlice<UInt8>) -> Bool {
        line.withUnsafeBufferPointer { add(bytes: $0) }
    }

    @discardableResult
    mutating func add(bytes line: UnsafeBufferPointer<UInt8>) -> Bool {
        lines += 1
        lineNumber += 1
        if !Self.isValidUTF8(line) { linesWithInvalidUTF8 += 1 }
        guard let fields = _AccessLogFields(line) else {
            malformedLines += 1
            if malformedExamples.count < Self.malformedExampleLimit {
                malformedExamples.append(
                    MalformedLine(
                        path: currentPath,
                        lineNumber: lineNumber,
                        text: String(decoding: line, as: UTF8.self)
                    )
                )
            }
            return false
        }
        countRecord(bytes: fields.bytes, status: fields.status)
        // The three lookups in stages, so that their cache misses overlap
        // (see _ByteCounts.Probe): on a big log this halves the time.
        let path = UnsafeBufferPointer(rebasing: line[fields.path])
        let host = UnsafeBufferPointer(rebasing: line[fields.host])
        var referrer: UnsafeBufferPointer<UInt8>?
        if let range = fields.referrer, !(range.count == 1 && line[range.lowerBound] == UInt8(ascii: "-")) {
            referrer = UnsafeBufferPointer(rebasing: line[range])
        }
        var pathProbe = pathCounts.probe(path)
        var hostProbe = hostCounts.probe(host)
        var referrerProbe = referrer.map { referrerCounts.probe($0) }
        pathCounts.peek(&pathProbe)
        hostCounts.peek(&hostProbe)
        if referrerProbe != nil { referrerCounts.peek(&referrerProbe!) }
        pathCounts.add(path, probe: pathProbe)
        hostCounts.add(host, probe: hostProbe)
        if let referrer, let referrerProbe { referrerCounts.add(referrer, probe: referrerProbe) }
        countHour(line, fields.time)
        return true
    }

    private static let unknownHour: [UInt8] = [UInt8(ascii: "-")]

    /// Whether `line` is valid UTF-8: eight bytes at a time while they are
    /// ASCII (almost every log line), the full check only after the first
    /// byte that is not.
    static func isValidUTF8(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= line.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < line.count, line[index] < 0x80 { index += 1 }
        guard index < line.count else { return true }
        var iterator = UnsafeBufferPointer(rebasing: line[index...]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Counts one record (a parsed line).
    public mutating func add(_ record: AccessLogRecord) {
        func bytes(_ text: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var text = text
            text.makeContiguousUTF8()
            _ = text.utf8.withContiguousStorageIfAvailable(body)
        }
        lines += 1
        lineNumber += 1
        countRecord(bytes: record.bytes, status: record.status)
        bytes(record.path) { pathCounts.add($0) }
        bytes(record.host) { hostCounts.add($0) }
        if let referrer = record.referrer, referrer != "-" {
            bytes(referrer) { referrerCounts.add($0) }
        }
        bytes(record.time) { time in countHour(time, 0..<time.count) }
    }

    private mutating func countRecord(bytes: Int, status: Int) {
        requests += 1
        bytesSent = bytesSent.addingReportingOverflow(bytes).overflow ? .max : bytesSent + bytes
        if statusCounts.indices.contains(status) { statusCounts[status] += 1 }
    }

    private mutating func countHour(_ line: UnsafeBufferPointer<UInt8>, _ time: Range<Int>) {
        var raw: (first: UInt64, middle: UInt64, zone: UInt64)?
        if time.count == 26 {
            // `dd/Mon/yyyy:HH` is bytes 0..<14, the zone 20..<26.
            let base = UnsafeRawPointer(line.baseAddress! + time.lowerBound)
            let key = (
                base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: 6, as: UInt64.self),
                base.loadUnaligned(fromByteOffset: 18, as: UInt64.self) >> 16
            )
            if let lastHour, lastHour.first == key.0, lastHour.middle == key.1, lastHour.zone == key.2 {
                return hourCounts.add(at: lastHour.entry)
            }
            raw = key
        }
        var hour = _HourKey()
        if _AccessLogFields.hourKey(line, time, into: &hour) {
            let entry = hour.withBytes { hourCounts.add($0) }
            if let raw { lastHour = (raw.first, raw.middle, raw.zone, entry) }
        } else {
            _ = Self.unknownHour.withUnsafeBufferPointer { hourCounts.add($0) }
        }
    }

    /// Sets every count at once (the decoder of a summary document).
    mutating func restore(
        lines: Int,
        requests: Int,
        bytesSent: Int,
        malformedLines: Int,
        invalidUTF8Lines: Int,
        statuses: [String: Int],
        hours: [String: Int],
        paths: [String: Int],
        hosts: [String: Int],
        referrers: [String: Int],
        malformedExamples: [MalformedLine],
        invalid: (String) -> any Error
    ) throws {
        self.lines = lines
        self.requests = requests
        self.bytesSent = bytesSent
        self.malformedLines = malformedLines
        self.linesWithInvalidUTF8 = invalidUTF8Lines
        for (status, count) in statuses {
            guard let code = Int(status), (100...999).contains(code) else { throw invalid("status \(status)") }
            statusCounts[code] += count
        }
        for (keys, table) in [
            (hours, \AccessLogSummary.hourCounts), (paths, \.pathCounts), (hosts, \.hostCounts),
            (referrers, \.referrerCounts),
        ] {
            for (key, count) in keys {
                var key = key
                key.withUTF8 { _ = self[keyPath: table].add($0, amount: count) }
            }
        }
        self.malformedExamples = Array(malformedExamples.prefix(Self.malformedExampleLimit))
    }

    /// Adds everything `other` counted: the summary of a log is the merge
    /// of the summaries of its parts, in any grouping. Malformed examples
    /// are kept in the order of the merges, up to the limit.
    ///
    /// - Parameters:
    ///   - other: The summary of another part.
    ///   - lineOffset: Added to the line numbers of `other`'s malformed
    ///     lines: when `other` counted a later part of the same file from
    ///     line 1, the lines before that part.
    /// - Complexity: O(*k*) for *k* distinct keys in `other`.
    public mutating func merge(_ other: AccessLogSummary, lineOffset: Int = 0) {
        lines += other.lines
        requests += other.requests
        bytesSent = bytesSent.addingReportingOverflow(other.bytesSent).overflow ? .max : bytesSent + other.bytesSent
        malformedLines += other.malformedLines
        linesWithInvalidUTF8 += other.linesWithInvalidUTF8
        for var example in other.malformedExamples.prefix(Self.malformedExampleLimit - malformedExamples.count) {
            example.lineNumber += lineOffset
            malformedExamples.append(example)
        }
        for index in statusCounts.indices { statusCounts[index] += other.statusCounts[index] }
        pathCounts.merge(other.pathCounts)
        hostCounts.merge(other.hostCounts)
        referrerCounts.merge(other.referrerCounts)
        hourCounts.merge(other.hourCounts)
    }

    /// The fields ``top(_:_:)`` ranks.
    public enum Field: Sendable, Hashable, CaseIterable {
        case paths, hosts, referrers
    }

    /// The `count` keys of `field` with the most records, most first; ties
    /// in the order of the keys' UTF-8 bytes (Python's order of `str`).
    ///
    /// ```swift
    /// summary.top(.hosts, 2)   // [(key: "66.249.73.135", count: 482), (key: "46.105.14.53", count: 364)]
    /// ```
    ///
    /// - Complexity: O(*k*) for *k* distinct keys, plus a sort of the keys
    ///   whose count reaches the `count`-th highest; only those become
    ///   strings.
    public func top(_ field: Field, _ count: Int) -> [(key: String, count: Int)] {
        switch field {
        case .paths: pathCounts.top(count)
        case .hosts: hostCounts.top(count)
        case .referrers: referrerCounts.top(count)
        }
    }

    /// The bytes the counts hold: it grows with the distinct keys.
    public var footprint: Int {
        statusCounts.capacity * 8 + pathCounts.footprint + hostCounts.footprint + referrerCounts.footprint
            + hourCounts.footprint
    }

    public static func == (lhs: AccessLogSummary, rhs: AccessLogSummary) -> Bool {
        lhs.lines == rhs.lines && lhs.requests == rhs.requests && lhs.bytesSent == rhs.bytesSent
            && lhs.malformedLines == rhs.malformedLines && lhs.linesWithInvalidUTF8 == rhs.linesWithInvalidUTF8
            && lhs.statusCounts == rhs.statusCounts
            && lhs.paths == rhs.paths && lhs.hosts == rhs.hosts && lhs.referrers == rhs.referrers
            && lhs.hourCounts.strings() == rhs.hourCounts.strings()
    }
}
