/// What a reconnecting browser said about where it left off: the `Last-Event-ID` request
/// header, checked, as an event stream's factory receives it.
///
/// ```swift
/// let resume = LastEventID(headerValues: ["41"])
/// if case .id(let last) = resume, let n = Int(last) { print(n + 1) }   // 42: the next event
/// ```
///
/// A header that is too long, repeated, or holds control characters is ``invalid(_:)``, with the
/// reason, never a crash: the factory decides what to do (start over, or refuse).
public enum LastEventID: Sendable, Hashable {
    /// No header: a first connection.
    case none
    /// The id of the last event the client received.
    case id(String)
    /// A header that was sent but cannot be an event id.
    case invalid(Reason)

    /// Why a `Last-Event-ID` header was refused.
    public enum Reason: Sendable, Hashable {
        /// Longer than the limit (in UTF-8 bytes); the header's length.
        case tooLong(Int)
        /// The header appeared more than once.
        case repeated
        /// A control character (NUL, CR, LF, …), which no id this package sends can hold.
        case controlCharacter
    }

    /// The longest id accepted by default, in UTF-8 bytes.
    public static let defaultMaximumLength = 1024

    /// Reads the values of every `Last-Event-ID` header line of a request.
    ///
    /// - Complexity: O(*n*) in the length of the values.
    public init(headerValues: [String], maximumLength: Int = LastEventID.defaultMaximumLength) {
        guard let value = headerValues.first else {
            self = .none
            return
        }
        if headerValues.count > 1 {
            self = .invalid(.repeated)
        } else if value.utf8.count > maximumLength {
            self = .invalid(.tooLong(value.utf8.count))
        } else if value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            self = .invalid(.controlCharacter)
        } else {
            self = .id(value)
        }
    }

    /// The id, when there is a valid one.
    public var value: String? {
        if case .id(let id) = self { return id }
        return nil
    }
}
