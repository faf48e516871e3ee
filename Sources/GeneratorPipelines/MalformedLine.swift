/// A line that is not a record of the expected format, and where it was:
/// what ``AccessLogSummary`` and ``JSONLines`` keep of the first few.
///
/// ```swift
/// for bad in summary.malformedExamples {
///     print("\(bad.path):\(bad.lineNumber): \(bad.text)")   // access.log:8899: 5.9.123.4 - - [...
/// }
/// ```
public struct MalformedLine: Sendable, Hashable, Codable {
    /// The file (empty when it was not named).
    public var path: String
    /// The line's number in its file, from 1.
    public var lineNumber: Int
    /// The line (invalid UTF-8 replaced with U+FFFD).
    public var text: String
    /// Why it is not a record, when the parser says (a JSON decoding error).
    public var reason: String?

    // In a summary document: {"file": …, "line": …, "text": …}.
    private enum CodingKeys: String, CodingKey {
        case path = "file"
        case lineNumber = "line"
        case text, reason
    }

    public init(path: String, lineNumber: Int, text: String, reason: String? = nil) {
        self.path = path
        self.lineNumber = lineNumber
        self.text = text
        self.reason = reason
    }
}
