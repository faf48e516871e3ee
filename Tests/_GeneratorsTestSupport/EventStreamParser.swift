/// The WHATWG HTML "event stream interpretation" algorithm, as a browser's `EventSource` runs
/// it: what the tests check our bytes against (and parse real responses with).
public struct EventStreamParser {
    /// One dispatched event, as a browser's `MessageEvent` shows it.
    public struct Event: Equatable, CustomStringConvertible {
        public var type: String
        public var data: String
        public var lastEventID: String

        public init(type: String = "message", data: String, lastEventID: String = "") {
            self.type = type
            self.data = data
            self.lastEventID = lastEventID
        }

        public var description: String { "\(type)#\(lastEventID): \(data.debugDescription)" }
    }

    public private(set) var events: [Event] = []
    public private(set) var comments: [String] = []
    public private(set) var retry: Int?

    private var data = ""
    private var eventType = ""
    private var lastEventID = ""
    private var line: [UInt8] = []
    private var previousWasCR = false

    public init() {}

    /// Parses a whole stream.
    public static func parse(_ bytes: some Sequence<UInt8>) -> EventStreamParser {
        var parser = EventStreamParser()
        parser.feed(bytes)
        return parser
    }

    /// Feeds bytes; complete lines are interpreted as they end.
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            if byte == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                interpret(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
    }

    private mutating func interpret(_ line: String) {
        if line.isEmpty {
            dispatch()
            return
        }
        if line.hasPrefix(":") {
            comments.append(String(line.dropFirst()))
            return
        }
        var field = Substring(line)
        var value = Substring("")
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        }
        switch field {
        case "event": eventType = String(value)
        case "data": data += value + "\n"
        case "id" where !value.contains("\u{0}"): lastEventID = String(value)
        case "retry" where !value.isEmpty && value.allSatisfy(\.isASCII) && value.allSatisfy(\.isNumber):
            retry = Int(value)
        default: break
        }
    }

    private mutating func dispatch() {
        defer { eventType = "" }
        guard !data.isEmpty else { return }
        data.removeLast()
        events.append(Event(type: eventType.isEmpty ? "message" : eventType, data: data, lastEventID: lastEventID))
        data = ""
    }
}
