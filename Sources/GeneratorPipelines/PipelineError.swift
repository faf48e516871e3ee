/// Why a pipeline source could not deliver its input.
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
    /// Reading the file failed after `offset` bytes had been delivered.
    case cannotRead(path: String, offset: Int, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason)"
        case .cannotRead(let path, let offset, let reason):
            "cannot read \(path) after \(offset) bytes: \(reason)"
        }
    }
}
