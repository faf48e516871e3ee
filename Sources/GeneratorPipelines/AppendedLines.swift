/// What ``followLines(path:startingAt:pollInterval:)`` yields: the complete
/// lines that one look at the file found.
///
/// ```swift
/// for try await batch in followLines(path: "app.log") {
///     if batch.startsNewFile { print("-- the log was rotated") }
///     for line in batch.lines { print(line) }
/// }
/// ```
public struct AppendedLines: Sendable, Hashable {
    /// The lines, without their line endings (invalid UTF-8 replaced with
    /// U+FFFD).
    public var lines: [String]
    /// The file was rotated (the path names a new file) or truncated before
    /// these lines: they start again from its first line.
    public var startsNewFile: Bool

    public init(lines: [String], startsNewFile: Bool) {
        self.lines = lines
        self.startsNewFile = startsNewFile
    }
}
