#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fields of one access-log line, as byte ranges of the line: the one
/// parser of the Common and Combined Log Formats, which ``AccessLogRecord``
/// and ``AccessLogSummary`` share.
///
/// The grammar (spaces are ASCII spaces only, runs of them allowed):
/// `host ident user [time] "request" status bytes ["referrer" "agent" ...]`
/// where host, ident and user are words; time is anything up to the first
/// `]`; a quoted field runs to the first `"` not escaped by `\`; status is
/// 100–999 in ASCII digits; bytes is ASCII digits or `-`. After bytes comes
/// nothing (Common) or two quoted fields (Combined), then anything. A request
/// of three words separated by single spaces is method, path and protocol;
/// any other request is all path.
struct _AccessLogFields {
    var host: Range<Int>
    var time: Range<Int>
    var method: Range<Int>
    var path: Range<Int>
    var httpVersion: Range<Int>
    var status: Int
    var bytes: Int
    var referrer: Range<Int>?
    var userAgent: Range<Int>?

    init?(_ line: UnsafeBufferPointer<UInt8>) {
        var scanner = _Scanner(line)
        guard let host = scanner.word(), scanner.word() != nil, scanner.word() != nil,
            let time = scanner.delimited(open: UInt8(ascii: "["), close: UInt8(ascii: "]")),
            let request = scanner.quoted(),
            let statusText = scanner.word(), let status = scanner.number(statusText), (100...999).contains(status),
            let bytesText = scanner.word()
        else { return nil }
        if bytesText.count == 1, line[bytesText.lowerBound] == UInt8(ascii: "-") {
            bytes = 0
        } else {
            guard let value = scanner.number(bytesText) else { return nil }
            bytes = value
        }
        self.host = host
        self.time = time
        self.status = status
        (method, path, httpVersion) = Self.requestParts(line, request)
        if scanner.isAtEnd {
            referrer = nil
            userAgent = nil
        } else {
            guard let referrer = scanner.quoted(), let userAgent = scanner.quoted() else { return nil }
            self.referrer = referrer
            self.userAgent = userAgent
        }
    }

    /// Method, path and protocol of a request of three words; else empty,
    /// all of it, empty.
    private static func requestParts(
        _ line: UnsafeBufferPointer<UInt8>,
        _ request: Range<Int>
    ) -> (Range<Int>, Range<Int>, Range<Int>) {
        let space = Int32(UInt8(ascii: " "))
        let base = line.baseAddress!
        func find(from: Int) -> Int? {
            guard from < request.upperBound, let hit = memchr(base + from, space, request.upperBound - from) else {
                return nil
            }
            return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        }
        // Exactly two spaces, with something between them.
        guard let first = find(from: request.lowerBound), let last = find(from: first + 1), last > first + 1,
            find(from: last + 1) == nil
        else {
            return (request.lowerBound..<request.lowerBound, request, request.lowerBound..<request.lowerBound)
        }
        return (request.lowerBound..<first, first + 1..<last, last + 1..<request.upperBound)
    }

    /// The hour of `time` (`dd/Mon/yyyy:HH:MM:SS +zzzz`) as
    /// `yyyy-mm-dd HH:00 +zzzz` bytes written to `key` (22 bytes), or false
    /// when the time is not of that shape.
    static func hourKey(_ line: UnsafeBufferPointer<UInt8>, _ time: Range<Int>, into key: inout _HourKey) -> Bool {
        guard time.count == 26 else { return false }
        let t = time.lowerBound
        func digit(_ offset: Int) -> Bool { line[t + offset] &- UInt8(ascii: "0") < 10 }
        guard digit(0), digit(1), line[t + 2] == UInt8(ascii: "/"), line[t + 6] == UInt8(ascii: "/"),
            digit(7), digit(8), digit(9), digit(10), line[t + 11] == UInt8(ascii: ":"), digit(12), digit(13),
            line[t + 14] == UInt8(ascii: ":"), line[t + 20] == UInt8(ascii: " "),
            line[t + 21] == UInt8(ascii: "+") || line[t + 21] == UInt8(ascii: "-"),
            digit(22), digit(23), digit(24), digit(25),
            let month = month(line[t + 3], line[t + 4], line[t + 5])
        else { return false }
        key.set(
            year: (line[t + 7], line[t + 8], line[t + 9], line[t + 10]),
            month: month,
            day: (line[t], line[t + 1]),
            hour: (line[t + 12], line[t + 13]),
            offset: (line[t + 21], line[t + 22], line[t + 23], line[t + 24], line[t + 25])
        )
        return true
    }

    /// The month's two digits for its English abbreviation.
    private static func month(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> (UInt8, UInt8)? {
        let name = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
        let months: [UInt32] = [
            0x4A_616E, 0x46_6562, 0x4D_6172, 0x41_7072, 0x4D_6179, 0x4A_756E,
            0x4A_756C, 0x41_7567, 0x53_6570, 0x4F_6374, 0x4E_6F76, 0x44_6563,
        ]
        guard let index = months.firstIndex(of: name) else { return nil }
        let number = index + 1
        return (UInt8(ascii: "0") + UInt8(number / 10), UInt8(ascii: "0") + UInt8(number % 10))
    }
}

/// `yyyy-mm-dd HH:00 +zzzz`, built without an allocation.
struct _HourKey {
    var bytes:
        (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
        ) = (
            0, 0, 0, 0, UInt8(ascii: "-"), 0, 0, UInt8(ascii: "-"), 0, 0, UInt8(ascii: " "),
            0, 0, UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "0"), UInt8(ascii: " "), 0, 0, 0, 0, 0
        )
    static let count = 22

    mutating func set(
        year: (UInt8, UInt8, UInt8, UInt8),
        month: (UInt8, UInt8),
        day: (UInt8, UInt8),
        hour: (UInt8, UInt8),
        offset: (UInt8, UInt8, UInt8, UInt8, UInt8)
    ) {
        (bytes.0, bytes.1, bytes.2, bytes.3) = year
        (bytes.5, bytes.6) = month
        (bytes.8, bytes.9) = day
        (bytes.11, bytes.12) = hour
        (bytes.17, bytes.18, bytes.19, bytes.20, bytes.21) = offset
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeBytes(of: bytes) { raw in body(raw.assumingMemoryBound(to: UInt8.self)) }
    }
}

/// Reads the fields of a log line left to right.
private struct _Scanner {
    let line: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
    }

    var isAtEnd: Bool {
        mutating get {
            skipSpaces()
            return position == line.count
        }
    }

    mutating func skipSpaces() {
        while position < line.count, line[position] == UInt8(ascii: " ") { position += 1 }
    }

    /// Up to the next space.
    mutating func word() -> Range<Int>? {
        skipSpaces()
        let start = position
        while position < line.count, line[position] != UInt8(ascii: " ") { position += 1 }
        return start < position ? start..<position : nil
    }

    /// Between `open` and the next `close`.
    mutating func delimited(open: UInt8, close: UInt8) -> Range<Int>? {
        skipSpaces()
        guard position < line.count, line[position] == open else { return nil }
        let start = position + 1
        guard let end = find(close, from: start) else { return nil }
        position = end + 1
        return start..<end
    }

    /// Between double quotes; `\` escapes the byte after it.
    mutating func quoted() -> Range<Int>? {
        skipSpaces()
        guard position < line.count, line[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        // The common case: no backslash before the closing quote.
        if let end = find(UInt8(ascii: "\""), from: start),
            find(UInt8(ascii: "\\"), from: start, to: end) == nil
        {
            position = end + 1
            return start..<end
        }
        var index = start
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return start..<index
            }
            index += 1
        }
        return nil
    }

    private func find(_ byte: UInt8, from: Int, to: Int? = nil) -> Int? {
        let to = to ?? line.count
        guard from < to, let hit = memchr(line.baseAddress! + from, Int32(byte), to - from) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(line.baseAddress!)
    }

    /// A decimal number of ASCII digits (no sign), or `nil`.
    func number(_ range: Range<Int>) -> Int? {
        if range.count <= 18, !range.isEmpty {
            // Cannot overflow.
            var value = 0
            for index in range {
                let digit = line[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        var value = 0
        for index in range {
            let digit = line[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return range.isEmpty ? nil : value
    }
}
