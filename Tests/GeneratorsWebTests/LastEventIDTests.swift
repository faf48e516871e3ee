import GeneratorsWeb
import Testing

@Suite struct LastEventIDTests {
    @Test func aFirstConnectionHasNone() {
        #expect(LastEventID(headerValues: []) == .none)
        #expect(LastEventID(headerValues: []).value == nil)
    }

    @Test func anIDIsKept() {
        #expect(LastEventID(headerValues: ["41"]) == .id("41"))
        #expect(LastEventID(headerValues: ["41"]).value == "41")
        #expect(LastEventID(headerValues: [""]) == .id(""))
    }

    @Test func malformedHeadersAreReportedWithTheirReason() {
        #expect(LastEventID(headerValues: ["1", "2"]) == .invalid(.repeated))
        #expect(LastEventID(headerValues: [String(repeating: "9", count: 1025)]) == .invalid(.tooLong(1025)))
        #expect(LastEventID(headerValues: ["12"], maximumLength: 1) == .invalid(.tooLong(2)))
        #expect(LastEventID(headerValues: ["1\u{0}"]) == .invalid(.controlCharacter))
        #expect(LastEventID(headerValues: ["1\t2"]) == .invalid(.controlCharacter))
        #expect(LastEventID(headerValues: ["1\u{7F}"]) == .invalid(.controlCharacter))
    }
}
