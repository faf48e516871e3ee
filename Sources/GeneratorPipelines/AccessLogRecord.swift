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
            let time = scanner.delimited(open: "[", close: "]"),
            let request = scanner.quoted(),
            let statusText = scanner.word(), let status = Int(statusText), (100...999).contains(status),
            let bytesText = scanner.word()
        else { return nil }
        if bytesText == "-" {
            bytes = 0
        } else {
            guard let value = Int(bytesText), value >= 0 else { return nil }
            bytes = value
        }
        self.host = host
        self.time = time
        self.status = status
        let words = request.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 3 {
            (method, path, httpVersion) = (words[0], words[1], words[2])
        } else {
            (method, path, httpVersion) = (request.prefix(0), request, request.prefix(0))
        }
        if scanner.isAtEnd {
            referrer = nil
            userAgent = nil
        } else {
            guard let referrer = scanner.quoted(), let userAgent = scanner.quoted() else { return nil }
            self.referrer = referrer
            self.userAgent = userAgent
        }
    }

    /// Parses one line; `nil` when it is not a log record.
    public init?(parsing line: String) {
        self.init(parsing: line[...])
    }
}

/// Reads the fields of a log line, left to right.
private struct Scanner {
    let text: Substring
    var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        position = text.startIndex
    }

    var isAtEnd: Bool {
        mutating get {
            skipSpaces()
            return position == text.endIndex
        }
    }

    mutating func skipSpaces() {
        while position < text.endIndex, text[position] == " " { position = text.index(after: position) }
    }

    /// Up to the next space.
    mutating func word() -> Substring? {
        skipSpaces()
        let start = position
        while position < text.endIndex, text[position] != " " { position = text.index(after: position) }
        return start < position ? text[start..<position] : nil
    }

    /// Between `open` and the next `close`.
    mutating func delimited(open: Character, close: Character) -> Substring? {
        skipSpaces()
        guard position < text.endIndex, text[position] == open else { return nil }
        let start = text.index(after: position)
        guard let end = text[start...].firstIndex(of: close) else { return nil }
        position = text.index(after: end)
        return text[start..<end]
    }

    /// Between double quotes; `\"` inside does not end it.
    mutating func quoted() -> Substring? {
        skipSpaces()
        guard position < text.endIndex, text[position] == "\"" else { return nil }
        let start = text.index(after: position)
        var index = start
        while index < text.endIndex {
            if text[index] == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if text[index] == "\"" {
                position = text.index(after: index)
                return text[start..<index]
            }
            index = text.index(after: index)
        }
        return nil
    }
}
