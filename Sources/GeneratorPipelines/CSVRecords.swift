/// The records of a CSV file (RFC 4180), one at a time, as arrays of
/// fields: quoted fields with embedded delimiters, `""` quotes and line
/// breaks, in constant memory whatever the file's size.
///
/// ```swift
/// let records = try CSVRecords(path: "sales.csv")
/// var iterator = records.makeIterator()
/// let header = iterator.next()!             // ["region", "amount"]
/// var total = 0.0
/// while let record = iterator.next() { total += Double(record[1]) ?? 0 }
/// ```
///
/// It reads as Python's `csv.reader` does with the default (`excel`)
/// dialect, so the same file gives the same records, with two differences
/// on purpose: a blank line is skipped (Python yields `[]`, which the next
/// `row[0]` turns into an `IndexError`), and a file that ends inside a
/// quoted field does not deliver that last record: it is counted in
/// ``malformedRecords`` with its line (in strict mode it ends the records
/// with ``PipelineError/malformedRecord(path:lineNumber:line:)``), because a
/// missing closing quote swallows every line after it and Python would
/// return them as one field without a word.
///
/// The bytes come as ``ByteLines``' do: 64 KiB reads, gzip by its magic
/// bytes. Each field is a new `String` (invalid UTF-8 replaced).
///
/// Why our own parser and not a package: swiftcsv/SwiftCSV 0.10 reads the
/// whole file into one `String` before it parses (no streaming, memory grows
/// with the file), and yaslab/CSV.swift 2.5 streams through
/// Foundation's `InputStream` one scalar at a time; `Benchmarks/run` measures
/// both against this one and CPython's `csv` (`csv.*` rows).
///
/// - Complexity: O(*n*) for *n* bytes; one block and one record are held at
///   a time.
public final class CSVRecords: Sequence {
    private let input: _FileInput
    private let delimiter: UInt8
    /// Whether a malformed record ends the records.
    public let strict: Bool
    private var handedOut = false
    /// Records that could not be read (a quoted field never closed).
    public fileprivate(set) var malformedRecords = 0
    /// The first few, with the line they start on.
    public fileprivate(set) var malformedExamples: [MalformedLine] = []
    fileprivate var error: PipelineError?

    /// The error that ended the records early, if one did.
    public var readError: PipelineError? { error }

    /// Opens `path`.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - delimiter: The field separator, an ASCII character (`,` by
    ///     default; `;` and tab are common).
    ///   - strict: End at the first malformed record.
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)``.
    public init(path: String, delimiter: Character = ",", strict: Bool = false) throws(PipelineError) {
        guard let ascii = delimiter.asciiValue, ascii != UInt8(ascii: "\""), ascii != 0x0A, ascii != 0x0D else {
            preconditionFailure("a CSV delimiter is one ASCII character other than a quote or a line break")
        }
        input = try _FileInput(path: path)
        self.delimiter = ascii
        self.strict = strict
    }

    /// The records, once.
    public func makeIterator() -> Iterator {
        defer { handedOut = true }
        return Iterator(source: self, parser: handedOut ? nil : _CSVParser(input: input, delimiter: delimiter))
    }

    /// Reads one record per `next()`.
    public struct Iterator: IteratorProtocol, ClosableIterator {
        private let source: CSVRecords
        private var parser: _CSVParser?

        fileprivate init(source: CSVRecords, parser: _CSVParser?) {
            self.source = source
            self.parser = parser
        }

        /// The line the last record started on, from 1.
        public var lineNumber: Int { parser?.recordLine ?? 0 }

        /// The next record's fields; `nil` at the end (see
        /// ``CSVRecords/readError``).
        public mutating func next() -> [String]? {
            while let outcome = parser?.nextRecord() {
                switch outcome {
                case .record(let fields):
                    return fields
                case .unterminated(let text):
                    let line = parser?.recordLine ?? 0
                    source.malformedRecords += 1
                    if source.malformedExamples.count < 5 {
                        source.malformedExamples.append(
                            MalformedLine(
                                path: source.input.path,
                                lineNumber: line,
                                text: text,
                                reason: "a quoted field is never closed"
                            )
                        )
                    }
                    if source.strict {
                        source.error = .malformedRecord(path: source.input.path, lineNumber: line, line: text)
                    }
                }
            }
            if let error = parser?.error { source.error = error }
            parser = nil
            return nil
        }

        /// Closes the file now.
        public mutating func close() throws {
            parser?.finish()
            parser = nil
        }
    }
}
