/// A ``ServerSentEvent`` field that the event-stream format cannot carry: an `id` or `event`
/// with a line break, or an `id` with NUL.
///
/// ```swift
/// let hostile = ServerSentEvent(id: "1\ndata: injected", data: "x")
/// do { _ = try hostile.encoded() } catch { print(error) }
/// // the event's id cannot be sent: it holds a line break or NUL ("1\ndata: injected")
/// ```
public struct ServerSentEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fields that can be refused.
    public enum Field: String, Sendable, Hashable {
        case id
        case event
    }

    /// The field that holds the character.
    public var field: Field
    /// The refused value, whole.
    public var value: String

    public init(field: Field, value: String) {
        self.field = field
        self.value = value
    }

    public var description: String {
        "the event's \(field.rawValue) cannot be sent: it holds a line break or NUL (\(value.debugDescription))"
    }
}
