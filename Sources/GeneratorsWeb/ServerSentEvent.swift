import Foundation

/// One message of a Server-Sent Events stream (`text/event-stream`), as a browser's
/// `EventSource` reads it: an optional `id`, an optional event type, the data, an optional
/// reconnection delay, and optional comment lines.
///
/// ```swift
/// let event = ServerSentEvent(id: "7", event: "tick", data: "line one\nline two")
/// print(String(decoding: try event.encoded(), as: UTF8.self))
/// // id: 7
/// // event: tick
/// // data: line one
/// // data: line two
/// //
/// ```
///
/// Data that holds line breaks (LF, CR or CRLF) is split into one `data:` line per line, which
/// the browser joins with LF again; a comment is split the same way into `:` lines. So no value
/// can start another field or another event.
///
/// - Important: An `id` or `event` cannot hold a line break (the format has no way to write
///   one), and an `id` cannot hold NUL (browsers ignore such an id). Encoding such an event throws
///   ``ServerSentEventError`` rather than change the value: a stream that sends it ends with its
///   error event instead.
public struct ServerSentEvent: Sendable, Hashable {
    /// The event's id: the browser sends it back as `Last-Event-ID` when it reconnects.
    public var id: String?
    /// The event type (`event:`); `nil` is the browser's default, `message`.
    public var event: String?
    /// The payload; `nil` for a message with no data, which a browser does not dispatch (a
    /// comment, or a `retry` alone).
    public var data: String?
    /// How long the browser waits before it reconnects (`retry:`, whole milliseconds).
    public var retry: Duration?
    /// A comment, which browsers ignore: a heartbeat, or notes for people reading the stream.
    public var comment: String?

    /// An event with the given fields; any of them may be left out.
    public init(
        id: String? = nil,
        event: String? = nil,
        data: String? = nil,
        retry: Duration? = nil,
        comment: String? = nil
    ) {
        self.id = id
        self.event = event
        self.data = data
        self.retry = retry
        self.comment = comment
    }

    /// An event whose data is the JSON encoding of `value`.
    ///
    /// ```swift
    /// struct Tick: Encodable { let n: Int }
    /// let event = try ServerSentEvent(json: Tick(n: 3), id: "3")   // id: 3 / data: {"n":3}
    /// ```
    ///
    /// - Throws: What `encoder` throws for `value`.
    public init(
        json value: some Encodable,
        id: String? = nil,
        event: String? = nil,
        retry: Duration? = nil,
        encoder: JSONEncoder = JSONEncoder()
    ) throws {
        let json = try encoder.encode(value)
        self.init(id: id, event: event, data: String(decoding: json, as: UTF8.self), retry: retry)
    }

    /// A message of comment lines only, which a browser ignores: what a heartbeat sends.
    public static func comment(_ text: String) -> ServerSentEvent {
        ServerSentEvent(comment: text)
    }

    /// The event in the wire format, ending with the blank line that dispatches it.
    ///
    /// - Throws: ``ServerSentEventError`` when `id` or `event` cannot be written.
    /// - Complexity: O(*n*) in the length of the fields.
    public func encoded() throws(ServerSentEventError) -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(into: &bytes)
        return bytes
    }

    /// Appends the event in the wire format to `bytes`; on a throw, `bytes` is left as it was.
    ///
    /// - Throws: ``ServerSentEventError`` when `id` or `event` cannot be written.
    /// - Complexity: O(*n*) in the length of the fields.
    public func encode(into bytes: inout [UInt8]) throws(ServerSentEventError) {
        if let id { try Self.check(id, field: .id) }
        if let event { try Self.check(event, field: .event) }
        if let comment { Self.appendLines(of: comment, prefix: ":", to: &bytes) }
        if let id { Self.appendField("id", id, to: &bytes) }
        if let event { Self.appendField("event", event, to: &bytes) }
        if let retry {
            let milliseconds = max(
                0,
                retry.components.seconds * 1000 + retry.components.attoseconds / 1_000_000_000_000_000
            )
            Self.appendField("retry", String(milliseconds), to: &bytes)
        }
        if let data { Self.appendLines(of: data, prefix: "data", to: &bytes) }
        bytes.append(0x0A)
    }

    // MARK: - Wire format

    private static func check(_ value: String, field: ServerSentEventError.Field) throws(ServerSentEventError) {
        for byte in value.utf8 where byte == 0x0A || byte == 0x0D || (byte == 0 && field == .id) {
            throw ServerSentEventError(field: field, value: value)
        }
    }

    private static func appendField(_ name: StaticString, _ value: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [0x3A, 0x20])  // ": " (the reader drops one space after the colon)
        bytes.append(contentsOf: value.utf8)
        bytes.append(0x0A)
    }

    /// One `prefix: line` per line of `text`, splitting at LF, CR and CRLF as the reader does.
    private static func appendLines(of text: String, prefix: StaticString, to bytes: inout [UInt8]) {
        let name = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        // A comment is ":" then the text; a field is "name: " then the value.
        let isComment = name.count == 1 && name[0] == 0x3A
        func startLine() {
            bytes.append(contentsOf: name)
            bytes.append(contentsOf: isComment ? [0x20] : [0x3A, 0x20])
        }
        startLine()
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A where previousWasCR:
                previousWasCR = false  // the LF of a CRLF: the line break is written already
            case 0x0A, 0x0D:
                bytes.append(0x0A)
                startLine()
                previousWasCR = byte == 0x0D
            default:
                bytes.append(byte)
                previousWasCR = false
            }
        }
        bytes.append(0x0A)
    }
}
