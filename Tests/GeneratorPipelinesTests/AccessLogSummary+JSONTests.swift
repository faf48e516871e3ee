import Foundation
import GeneratorPipelines
import Testing
import _GeneratorsTestSupport

/// The summary's document, written and read without Foundation (`gen logs --partial`,
/// `gen merge`), against what its `Codable` conformance writes and reads.
@Suite struct AccessLogSummaryJSONTests {
    private func fastJSON(_ summary: AccessLogSummary) -> [UInt8] {
        var json: [UInt8] = []
        summary._appendJSON(to: &json)
        return json
    }

    private func fastRead(_ json: [UInt8]) throws -> AccessLogSummary {
        try json.withUnsafeBufferPointer { bytes in
            var reader = _JSONReader(bytes)
            let summary = try AccessLogSummary(_jsonReader: &reader)
            try reader.expectEnd()
            return summary
        }
    }

    @Test(arguments: 1...10)
    func theDocumentIsTheOneCodableWritesAndReads(seed: UInt64) throws {
        var generator = SplitMix(seed: seed)
        var original = summary(randomLines(&generator, count: Int(generator.next() % 3000)))
        original.merge(summary([Array("a \"quoted\\ line\u{1}\ttab".utf8)]))  // a malformed example with escapes
        let fast = fastJSON(original)
        // Foundation reads what the fast writer wrote…
        #expect(try JSONDecoder().decode(AccessLogSummary.self, from: Data(fast)) == original)
        // …and the fast reader reads what Foundation wrote, and its own.
        let codable = try JSONEncoder().encode(original)
        #expect(try fastRead(Array(codable)) == original)
        #expect(try fastRead(fast) == original)
        #expect(try fastRead(fast).malformedExamples == original.malformedExamples)
        // The same document: equal as JSON values.
        let a = try JSONSerialization.jsonObject(with: Data(fast)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: codable) as? NSDictionary
        #expect(a == b)
    }

    @Test func escapesAndWhitespaceAreRead() throws {
        var original = AccessLogSummary()
        original.add(line: #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /caf%C3%A9/é HTTP/1.1" 200 5 "-" "a""#)
        var text = String(decoding: fastJSON(original), as: UTF8.self)
        // The path written with escapes, and whitespace between the tokens.
        text = text.replacingOccurrences(of: "\"/caf%C3%A9/é\"", with: #" "\/caf%C3%A9\/\u00e9" "#)
        #expect(text.contains(#"\/caf%C3%A9\/\u00e9"#))
        text = text.replacingOccurrences(of: "\":", with: "\" : ").replacingOccurrences(of: ",\"", with: "\n,\t\"")
        #expect(try fastRead(Array(text.utf8)) == original)
        // A surrogate pair.
        var reader = _JSONReaderBox(#""\ud83d\ude00 x""#)
        #expect(try reader.string() == "\u{1F600} x")
    }

    @Test(arguments: [
        ("", "expected '{'"),
        (#"{"lines": 1}"#, "without"),
        (#"{"lines": -1}"#, "negative"),
        (#"{"lines": 01}"#, "leading zero"),
        (#"{"lines": 1.5}"#, "whole number"),
        (#"{"lines": 99999999999999999999}"#, "too large"),
        (#"{"statuses": {"99": 1}}"#, "status 99"),
        (#"{"paths": {"/a": 1,}}"#, "expected"),
        ("{\"paths\": {\"/a\u{01}\": 1}}", "control character"),
        (#"{"paths": {"\ud800": 1}}"#, "lone surrogate"),
        (#"{"paths": {"\x": 1}}"#, "unknown escape"),
        (#"{"paths": {"/a"#, "closing quote"),
    ])
    func brokenDocumentsAreRefusedWithWhereAndWhy(document: String, reason: String) {
        do {
            _ = try fastRead(Array(document.utf8))
            Issue.record("\(document) was read")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains(reason), "\(context.debugDescription)")
            #expect(context.debugDescription.contains("byte"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func textAfterTheDocumentIsRefused() throws {
        var json = fastJSON(AccessLogSummary())
        #expect(throws: Never.self) { try fastRead(json) }
        json += Array(" x".utf8)
        #expect(throws: DecodingError.self) { try fastRead(json) }
    }

    @Test func unknownKeysAreSkippedAsCodableSkipsThem() throws {
        var json = fastJSON(AccessLogSummary())
        json.removeLast()
        json += Array(#","later":{"a":[1,-2.5e3,true,false,null,"s"]}}"#.utf8)
        #expect(try fastRead(json) == AccessLogSummary())
    }
}

/// A reader over a string's bytes, for one value.
private struct _JSONReaderBox {
    let bytes: [UInt8]
    init(_ text: String) { bytes = Array(text.utf8) }
    mutating func string() throws -> String {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = _JSONReader(buffer)
            var text: [UInt8] = []
            try reader.readString(into: &text)
            return String(decoding: text, as: UTF8.self)
        }
    }
}
