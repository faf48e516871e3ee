import Foundation
import GeneratorsWeb
import Testing
import _GeneratorsTestSupport

@Suite struct ServerSentEventTests {
    private func text(_ event: ServerSentEvent) throws -> String {
        String(decoding: try event.encoded(), as: UTF8.self)
    }

    @Test func fieldsInTheirOrderAndTheBlankLineThatDispatches() throws {
        let event = ServerSentEvent(id: "7", event: "tick", data: "hello", retry: .milliseconds(2500), comment: "c")
        #expect(try text(event) == ": c\nid: 7\nevent: tick\nretry: 2500\ndata: hello\n\n")
        #expect(try text(ServerSentEvent(data: "")) == "data: \n\n")
        #expect(try text(.comment("ping")) == ": ping\n\n")
    }

    @Test func dataIsSplitAtEveryKindOfLineBreak() throws {
        let event = ServerSentEvent(data: "a\nb\r\nc\rd\n")
        #expect(try text(event) == "data: a\ndata: b\ndata: c\ndata: d\ndata: \n\n")
        let parsed = EventStreamParser.parse(try event.encoded())
        #expect(parsed.events == [.init(data: "a\nb\nc\nd\n")])
    }

    @Test func aLeadingSpaceOrColonInAValueSurvives() throws {
        let event = ServerSentEvent(id: " x", event: ":e", data: "  two spaces: and a colon")
        let parsed = EventStreamParser.parse(try event.encoded())
        #expect(parsed.events == [.init(type: ":e", data: "  two spaces: and a colon", lastEventID: " x")])
    }

    @Test func jsonData() throws {
        struct Tick: Encodable { let n: Int }
        let event = try ServerSentEvent(json: Tick(n: 3), id: "3")
        #expect(try text(event) == "id: 3\ndata: {\"n\":3}\n\n")
    }

    @Test func aNegativeRetryIsZero() throws {
        #expect(try text(ServerSentEvent(retry: .seconds(-1))) == "retry: 0\n\n")
    }

    @Test(arguments: [
        ServerSentEvent(id: "1\ndata: injected", data: "x"),
        ServerSentEvent(id: "1\r", data: "x"),
        ServerSentEvent(id: "a\u{0}b", data: "x"),
        ServerSentEvent(event: "tick\n\ndata: injected", data: "x"),
        ServerSentEvent(event: "tick\revent: other", data: "x"),
    ])
    func anIDOrEventThatWouldBreakTheLineIsRefused(event: ServerSentEvent) throws {
        var bytes = Array("kept".utf8)
        #expect(throws: ServerSentEventError.self) { try event.encode(into: &bytes) }
        #expect(bytes == Array("kept".utf8))
    }

    @Test func anEventTypeMayHoldNUL() throws {
        #expect(try text(ServerSentEvent(event: "a\u{0}b", data: "x")) == "event: a\u{0}b\ndata: x\n\n")
    }

    /// Hostile data and comments, generated at random from line breaks, colons and field names:
    /// a browser reading the bytes sees exactly one event, with the data as sent (line breaks as
    /// LF), the id and type as sent, and nothing else.
    @Test func hostileDataAndCommentsCannotInjectFieldsOrEvents() throws {
        let pieces = [
            "\n", "\r", "\r\n", "\n\n", ":", " ", "data: evil", "id: 666", "event: evil", "retry: 1", "x", "é", "\u{0}",
        ]
        var random = SplitMix(seed: 11)
        for _ in 0..<2_000 {
            func hostile() -> String {
                (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            }
            let data = hostile()
            let comment = random.next() % 2 == 0 ? hostile() : nil
            let event = ServerSentEvent(id: "42", event: "safe", data: data, comment: comment)
            let parsed = EventStreamParser.parse(try event.encoded())
            let expected = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            #expect(parsed.events == [.init(type: "safe", data: expected, lastEventID: "42")])
            #expect(parsed.retry == nil)
        }
    }
}
