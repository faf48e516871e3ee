import Foundation
import Generators

extension StreamingBody {
    /// The media type of JSON Lines.
    public static let jsonLinesContentType = "application/jsonl"

    /// A body of JSON Lines (`application/jsonl`): one JSON value per line, one line per value a
    /// synchronous generator (or any sequence) yields.
    ///
    /// ```swift
    /// struct Point: Encodable { let x, y: Int }
    /// let points = StreamingBody.jsonLines {
    ///     Generator<Point> { g in for x in 0..<3 { try g.yield(Point(x: x, y: x * x)) } }
    /// }
    /// // {"x":0,"y":0}
    /// // {"x":1,"y":1}
    /// // {"x":2,"y":4}
    /// ```
    ///
    /// - Parameters:
    ///   - encoder: Encodes each value; its settings (dates, keys) apply.
    ///   - makeSource: Makes the generator, once, when the body starts to be written.
    /// - Important: `encoder` must not pretty-print (a value would span lines): that is a
    ///   programmer error, and traps.
    @inlinable
    public static func jsonLines<Source: Sequence & SendableMetatype>(
        encoder: JSONEncoder = JSONEncoder(),
        _ makeSource: @escaping @Sendable () -> Source
    ) -> StreamingBody where Source.Element: Encodable {
        let encoder = _LineEncoder(encoder)
        return ofSequence(contentType: jsonLinesContentType, makeSource) { value, bytes in
            try encoder.encode(value, into: &bytes)
        }
    }

    /// A body of JSON Lines (`application/jsonl`) from an async generator (or any async
    /// sequence) of `Encodable` values, each line sent as soon as the client can take it.
    ///
    /// ```swift
    /// let progress = StreamingBody.jsonLines {
    ///     AsyncGenerator<[String: Int]> { g in
    ///         for step in 1...3 { try await g.yield(["step": step]) }
    ///     }
    /// }
    /// // {"step":1}
    /// // {"step":2}
    /// // {"step":3}
    /// ```
    ///
    /// - Important: `encoder` must not pretty-print: that is a programmer error, and traps.
    @inlinable
    public static func jsonLines<Source: AsyncSequence & SendableMetatype>(
        encoder: JSONEncoder = JSONEncoder(),
        _ makeSource: @escaping @Sendable () async throws -> Source
    ) -> StreamingBody where Source.Element: Encodable {
        let encoder = _LineEncoder(encoder)
        return ofAsyncSequence(contentType: jsonLinesContentType, makeSource) { value, bytes in
            try encoder.encode(value, into: &bytes)
        }
    }
}

/// A JSON encoder that writes one value per line.
@usableFromInline
struct _LineEncoder: Sendable {
    private let encoder: JSONEncoder

    @usableFromInline
    init(_ encoder: JSONEncoder) {
        if encoder.outputFormatting.contains(.prettyPrinted) {
            // fatalError, not precondition: the message is printed in optimized builds too.
            fatalError("JSON Lines need one value per line: the encoder must not pretty-print")
        }
        self.encoder = encoder
    }

    @usableFromInline
    func encode(_ value: some Encodable, into bytes: inout [UInt8]) throws {
        bytes.append(contentsOf: try encoder.encode(value))
        bytes.append(0x0A)
    }
}
