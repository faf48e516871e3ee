/// One request in a web server's access log, in the Common or Combined Log
/// Format (Apache's `%h %l %u %t "%r" %>s %b`, nginx's `combined`):
///
/// ```
/// 83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /index.html HTTP/1.1" 200 203023 "http://example.com/" "Mozilla/5.0"
/// ```
///
/// ```swift
/// let record = AccessLogRecord(parsing: line)
/// print(record?.path, record?.status)   // Optional("/index.html") Optional(200)
/// ```
public struct AccessLogRecord: Sendable, Hashable {
    /// The client (`%h`).
    public var host: Substring
    /// The time, as written between the brackets (`%t`).
    public var time: Substring
    /// The request's method (from `%r`); empty when the request line is not
    /// three words.
    public var method: Substring
    /// The request's path, query string included (from `%r`); the whole
    /// request line when it is not three words.
    public var path: Substring
    /// The request's protocol (from `%r`), such as `HTTP/1.1`; empty when
    /// the request line is not three words.
    public var httpVersion: Substring
    /// The status code (`%>s`).
    public var status: Int
    /// The bytes sent (`%b`; `-` is 0).
    public var bytes: Int
    /// The `Referer` header (Combined format; `nil` in the Common format,
    /// `-` when the client sent none).
    public var referrer: Substring?
    /// The `User-Agent` header (Combined format).
    public var userAgent: Substring?

    /// Parses one line; `nil` when it is not a log record.
    ///
    /// - Complexity: O(*n*) in the line's length, no allocation (the fields
    ///   are slices of `line`).
    public init?(parsing line: Substring) {
        var scanner = Scanner(line)
        guard let host = scanner.word(), scanner.word() != nil, scanner.word() != nil,
            let time = scanner.delimited(open: UInt8(ascii: "["), close: UInt8(ascii: "]")),
            let request = scanner.quoted(),
            let statusText = scanner.word(), let status = Self.number(statusText), (100...999).contains(status),
            let bytesText = scanner.word()
        else { return nil }
        if bytesText.utf8.count == 1, bytesText.utf8.first == UInt8(ascii: "-") {
            bytes = 0
        } else {
            guard let value = Self.number(bytesText) else { return nil }
            bytes = value
        }
        self.host = host
        self.time = time
        self.status = status
        (method, path, httpVersion) = Self.requestParts(request)
        if scanner.isAtEnd {
            referrer = nil
            userAgent = nil
        } else {
            guard let referrer = scanner.quoted(), let userAgent = scanner.quoted() else { return nil }
            self.referrer = referrer
            self.userAgent = userAgent
        }
    }

    /// A decimal number of ASCII digits (no sign), or `nil`.
    private static func number(_ text: Substring) -> Int? {
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return text.utf8.isEmpty ? nil : value
    }

    /// Method, path and protocol of a request line of three words; else
    /// empty, the whole line, empty.
    private static func requestParts(_ request: Substring) -> (Substring, Substring, Substring) {
        let utf8 = request.utf8
        let space = UInt8(ascii: " ")
        guard let first = utf8.firstIndex(of: space), let last = utf8.lastIndex(of: space), first < last,
            utf8[utf8.index(after: first)..<last].firstIndex(of: space) == nil
        else {
            let empty = request[request.startIndex..<request.startIndex]
            return (empty, request, empty)
        }
        return (
            request[request.startIndex..<first], request[utf8.index(after: first)..<last],
            request[utf8.index(after: last)..<request.endIndex]
        )
    }

    /// Parses one line; `nil` when it is not a log record.
    public init?(parsing line: String) {
        self.init(parsing: line[...])
    }
}

/// Reads the fields of a log line, left to right, byte by byte (the
/// delimiters are ASCII, so the fields' bounds are on character bounds).
private struct Scanner {
    let text: Substring
    let utf8: Substring.UTF8View
    var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        self.utf8 = text.utf8
        position = text.startIndex
    }

    var isAtEnd: Bool {
        mutating get {
            skipSpaces()
            return position == utf8.endIndex
        }
    }

    mutating func skipSpaces() {
        while position < utf8.endIndex, utf8[position] == UInt8(ascii: " ") { utf8.formIndex(after: &position) }
    }

    /// Up to the next space.
    mutating func word() -> Substring? {
        skipSpaces()
        let start = position
        while position < utf8.endIndex, utf8[position] != UInt8(ascii: " ") { utf8.formIndex(after: &position) }
        return start < position ? text[start..<position] : nil
    }

    /// Between `open` and the next `close`.
    mutating func delimited(open: UInt8, close: UInt8) -> Substring? {
        skipSpaces()
        guard position < utf8.endIndex, utf8[position] == open else { return nil }
        let start = utf8.index(after: position)
        guard let end = utf8[start...].firstIndex(of: close) else { return nil }
        position = utf8.index(after: end)
        return text[start..<end]
    }

    /// Between double quotes; `\"` inside does not end it.
    mutating func quoted() -> Substring? {
        skipSpaces()
        guard position < utf8.endIndex, utf8[position] == UInt8(ascii: "\"") else { return nil }
        let start = utf8.index(after: position)
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\\") {
                utf8.formIndex(after: &index)
                if index < utf8.endIndex { utf8.formIndex(after: &index) }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                position = utf8.index(after: index)
                return text[start..<index]
            }
            utf8.formIndex(after: &index)
        }
        return nil
    }
}
