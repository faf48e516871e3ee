#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The values of a JSON Lines file (`.jsonl`, one JSON document per line),
/// decoded one line at a time into a `Decodable` type.
///
/// ```swift
/// struct Event: Decodable { var user: String; var action: String }
///
/// let events = try JSONLines(path: "events.jsonl", as: Event.self)
/// for event in events where event.action == "login" { print(event.user) }
/// print(events.malformedLines)   // 2 lines that were not Events, skipped
/// ```
///
/// A line that does not decode is counted in ``malformedLines`` and
/// skipped, and the first ``malformedExampleLimit`` are kept with their line
/// number and the decoder's reason; in strict mode the first one ends the
/// values instead, with ``PipelineError/malformedRecord(path:lineNumber:line:)``
/// in ``readError``. Blank lines are skipped, as `jq` does. The lines come
/// from ``ByteLines``: 64 KiB reads, `\r\n`, gzip by its magic bytes.
///
/// - Complexity: O(*n*) for *n* bytes; one line and one value are held at a
///   time.
public final class JSONLines<Value: Decodable>: Sequence {
    private let lines: ByteLines
    private let decoder: JSONDecoder
    /// Whether the first malformed line ends the values.
    public let strict: Bool
    /// Lines that were not a `Value` (skipped).
    public fileprivate(set) var malformedLines = 0
    /// The first few of them.
    public fileprivate(set) var malformedExamples: [MalformedLine] = []
    /// How many malformed lines are kept as examples.
    public static var malformedExampleLimit: Int { 5 }
    fileprivate var strictError: PipelineError?

    /// The error that ended the values early, if one did: reading, or in
    /// strict mode the first malformed line.
    public var readError: PipelineError? { strictError ?? lines.readError }

    /// Opens `path`.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - type: The type of each line's value.
    ///   - strict: End at the first line that does not decode.
    ///   - decoder: The decoder (its strategies for dates, keys, ...).
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)``.
    public init(
        path: String,
        as type: Value.Type = Value.self,
        strict: Bool = false,
        decoder: JSONDecoder = JSONDecoder()
    ) throws(PipelineError) {
        lines = try ByteLines(path: path)
        self.strict = strict
        self.decoder = decoder
    }

    /// The values, once.
    public func makeIterator() -> Iterator {
        Iterator(source: self, lines: lines.makeIterator())
    }

    /// Decodes one line per value.
    public struct Iterator: IteratorProtocol, ClosableIterator {
        private let source: JSONLines
        private var lines: ByteLines.Iterator

        fileprivate init(source: JSONLines, lines: ByteLines.Iterator) {
            self.source = source
            self.lines = lines
        }

        /// The next value; `nil` at the end (see ``JSONLines/readError``).
        public mutating func next() -> Value? {
            while let line = lines.next() {
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    return try source.decoder.decode(Value.self, from: Data(line))
                } catch {
                    let bad = MalformedLine(
                        path: source.lines.path,
                        lineNumber: lines.lineNumber,
                        text: String(decoding: line, as: UTF8.self),
                        reason: Self.reason(error)
                    )
                    source.malformedLines += 1
                    if source.malformedExamples.count < JSONLines.malformedExampleLimit {
                        source.malformedExamples.append(bad)
                    }
                    if source.strict {
                        source.strictError = .malformedRecord(
                            path: bad.path,
                            lineNumber: bad.lineNumber,
                            line: bad.text
                        )
                        try? lines.close()
                        return nil
                    }
                }
            }
            return nil
        }

        /// Closes the file now.
        public mutating func close() throws {
            try lines.close()
        }

        /// A decoding error in a few words.
        private static func reason(_ error: any Error) -> String {
            switch error as? DecodingError {
            case .keyNotFound(let key, _)?: "no key \"\(key.stringValue)\""
            case .typeMismatch(let type, let context)?: "\(Self.path(context)) is not \(type)"
            case .valueNotFound(let type, let context)?: "\(Self.path(context)) is null, not \(type)"
            case .dataCorrupted(let context)?:
                context.codingPath.isEmpty ? "not JSON" : "\(Self.path(context)) is not valid"
            default: "\(error)"
            }
        }

        private static func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "the value" : context.codingPath.map(\.stringValue).joined(separator: ".")
        }
    }
}
