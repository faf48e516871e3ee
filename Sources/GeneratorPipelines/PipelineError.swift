/// Why a pipeline could not deliver its input: every case names the file.
///
/// ```swift
/// do {
///     for line in try FileLines(path: "/no/such/file") { print(line) }
/// } catch {
///     print(error)   // cannot open /no/such/file: No such file or directory
/// }
/// ```
public enum PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened; `reason` is the system's message.
    case cannotOpen(path: String, reason: String)
    /// Reading the file failed after `offset` bytes of it had been read.
    case cannotRead(path: String, offset: Int, reason: String)
    /// A gzip file ends in the middle of its compressed data, at `offset`
    /// bytes (the file's size): it was cut short. The lines before the cut
    /// were delivered; the incomplete last one was not.
    case truncatedGzip(path: String, offset: Int)
    /// A gzip file's data is damaged at about `offset` bytes into the file.
    case invalidGzip(path: String, offset: Int, reason: String)
    /// Line `lineNumber` is longer than the reader's limit (a file with no
    /// line breaks, most likely not text).
    case lineTooLong(path: String, lineNumber: Int, limit: Int)
    /// In strict mode: line `lineNumber` is not a record of the expected
    /// format (`line` is its text, invalid UTF-8 replaced).
    case malformedRecord(path: String, lineNumber: Int, line: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason)"
        case .cannotRead(let path, let offset, let reason):
            "cannot read \(path) after \(offset) bytes: \(reason)"
        case .truncatedGzip(let path, let offset):
            "\(path) is a truncated gzip file: its compressed data ends early, at byte \(offset)"
        case .invalidGzip(let path, let offset, let reason):
            "\(path) is not valid gzip data near byte \(offset): \(reason)"
        case .lineTooLong(let path, let lineNumber, let limit):
            "\(path), line \(lineNumber): longer than \(limit) bytes (is it a text file?)"
        case .malformedRecord(let path, let lineNumber, let line):
            "\(path), line \(lineNumber): not a record: \(line)"
        }
    }
}
