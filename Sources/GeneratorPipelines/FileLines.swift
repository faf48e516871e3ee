import Generators

/// The lines of a file, read in blocks of 64 KiB: Beazley's `gen_open`
/// and `for line in f` as a source that holds one block and one line at a
/// time, whatever the file's size.
///
/// ```swift
/// for line in try FileLines(path: "access.log") {
///     if line.contains(" 404 ") { print(line) }
/// }
/// ```
///
/// Lines end at `\n`; a `\r` before it is dropped too, so `\r\n` files read
/// the same. A last line without a newline is delivered; an empty file has
/// no lines. A line longer than the block is assembled across blocks.
/// Invalid UTF-8 is replaced with U+FFFD, and the lines where that happened
/// are counted in ``linesWithInvalidUTF8``. A gzip file is decompressed on
/// the way: it is known by its first two bytes, whatever its name.
///
/// The file is opened when the sequence is made (so a missing file is an
/// error at once, naming it) and closed when its iterator ends, is closed
/// (it is a `ClosableIterator`), or goes away.
///
/// Each line is a new `String` (an allocation for lines longer than 15
/// bytes); ``ByteLines`` delivers the same lines as bytes without a copy.
///
/// - Complexity: O(*n*) for *n* bytes, one `read` call per 64 KiB and no
///   other system call.
public final class FileLines: Sequence {
    private let lines: ByteLines
    /// How many lines held invalid UTF-8 (replaced with U+FFFD).
    public fileprivate(set) var linesWithInvalidUTF8 = 0

    /// The size of each read: 64 KiB.
    public static let blockSize = ByteLines.blockSize

    /// The path, as given (for messages); `-` for standard input.
    public var path: String { lines.path }

    /// Bytes read from the file so far (compressed bytes for a gzip file).
    public var bytesRead: Int { lines.bytesRead }

    /// The error that ended the lines early, if one did.
    public var readError: PipelineError? { lines.readError }

    /// Opens `path` for reading.
    ///
    /// - Throws: ``PipelineError/cannotOpen(path:reason:)``.
    public init(path: String, maximumLineLength: Int = ByteLines.defaultMaximumLineLength) throws(PipelineError) {
        lines = try ByteLines(path: path, maximumLineLength: maximumLineLength)
    }

    private init(lines: ByteLines) {
        self.lines = lines
    }

    /// The lines of standard input (named `-`; it is not closed at the end).
    public static func standardInput() -> FileLines {
        FileLines(lines: .standardInput())
    }

    /// The lines, once: a file is read once (iterating a second time gives
    /// nothing).
    public func makeIterator() -> Iterator {
        Iterator(source: self, lines: lines.makeIterator())
    }

    /// Reads blocks and splits them into lines.
    public struct Iterator: IteratorProtocol, ClosableIterator {
        private let source: FileLines
        private var lines: ByteLines.Iterator

        fileprivate init(source: FileLines, lines: ByteLines.Iterator) {
            self.source = source
            self.lines = lines
        }

        /// The number of the line `next()` returned last, from 1.
        public var lineNumber: Int { lines.lineNumber }

        /// The next line, without its line ending; `nil` at the end.
        ///
        /// - Important: A read error ends the lines early; check
        ///   ``FileLines/readError`` after the loop.
        public mutating func next() -> String? {
            guard let bytes = lines.next() else { return nil }
            return bytes.withUnsafeBufferPointer { bytes in
                if let string = String(validating: bytes, as: UTF8.self) { return string }
                source.linesWithInvalidUTF8 += 1
                return String(decoding: bytes, as: UTF8.self)
            }
        }

        /// Closes the file now.
        public mutating func close() throws {
            try lines.close()
        }
    }
}
