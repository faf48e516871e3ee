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
        var line = line
        // Contiguous UTF-8 (a no-op for a native string).
        line.makeContiguousUTF8()
        guard let fields = line.utf8.withContiguousStorageIfAvailable({ _AccessLogFields($0) }), let fields
        else { return nil }
        let utf8 = line.utf8
        func slice(_ range: Range<Int>) -> Substring {
            line[
                utf8.index(
                    utf8.startIndex,
                    offsetBy: range.lowerBound
                )..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            ]
        }
        host = slice(fields.host)
        time = slice(fields.time)
        method = slice(fields.method)
        path = slice(fields.path)
        httpVersion = slice(fields.httpVersion)
        status = fields.status
        bytes = fields.bytes
        referrer = fields.referrer.map(slice)
        userAgent = fields.userAgent.map(slice)
    }

    /// Parses one line; `nil` when it is not a log record.
    public init?(parsing line: String) {
        self.init(parsing: line[...])
    }
}
