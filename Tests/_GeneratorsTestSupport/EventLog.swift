/// A list of events that generator bodies and tests append to, to check
/// what ran and in which order.
public final class EventLog {
    public private(set) var events: [String] = []

    public init() {}

    public func record(_ event: String) {
        events.append(event)
    }

    /// Returns the events so far and forgets them.
    public func take() -> [String] {
        defer { events.removeAll() }
        return events
    }
}

/// An error to throw in tests.
public struct TestError: Error, Equatable, CustomStringConvertible {
    public let label: String

    public init(_ label: String) {
        self.label = label
    }

    public var description: String { "TestError(\(label))" }
}
