import Foundation
import GeneratorPipelines
import Testing
import _GeneratorsTestSupport

/// Random log lines (also for AccessLogSummary+JSONTests): records over small key sets (so that keys repeat),
/// malformed lines, invalid UTF-8, times over a few hours.
func randomLines(_ generator: inout SplitMix, count: Int) -> [[UInt8]] {
    (0..<count).map { _ in
        switch generator.next() % 20 {
        case 0: return Array("not a record \(generator.next() % 5)".utf8)
        case 1: return [0x31, 0xFF, 0x20, 0x2D]
        default:
            let host = "10.0.\(generator.next() % 3).\(generator.next() % 9)"
            let path = generator.next() % 4 == 0 ? "/caf\u{E9}/\(generator.next() % 5)" : "/p\(generator.next() % 13)"
            let hour = 10 + generator.next() % 4
            let status = [200, 200, 304, 404, 500][Int(generator.next() % 5)]
            let referrer = generator.next() % 2 == 0 ? "-" : "https://r/\(generator.next() % 6)"
            var line = Array(
                #"\#(host) - - [17/May/2015:\#(hour):05:03 +0000] "GET \#(path) HTTP/1.1" \#(status) \#(generator.next() % 5000) "\#(referrer)" "agent""#
                    .utf8
            )
            if generator.next() % 50 == 0 { line[line.count - 3] = 0xC3 }  // invalid UTF-8 in the agent
            return line
        }
    }
}

func summary(_ lines: some Sequence<[UInt8]>) -> AccessLogSummary {
    var summary = AccessLogSummary()
    for line in lines { _ = line.withUnsafeBufferPointer { summary.add(line: $0.span) } }
    return summary
}

@Suite struct AccessLogSummaryCodableTests {
    @Test func aDocumentDecodesToTheSameCounts() throws {
        var generator = SplitMix(seed: 7)
        let original = summary(randomLines(&generator, count: 2000))
        let data = try JSONEncoder().encode(original)
        let decoded = try JSONDecoder().decode(AccessLogSummary.self, from: data)
        #expect(decoded == original)
        #expect(decoded.top(.paths, 5).map(\.key) == original.top(.paths, 5).map(\.key))
        #expect(decoded.requestsPerHour.map(\.count) == original.requestsPerHour.map(\.count))
        #expect(decoded.malformedExamples == original.malformedExamples)
        #expect(decoded.linesWithInvalidUTF8 > 0)
    }

    /// For random logs and random splits: the merge of the parts' summaries
    /// (through their documents, as between machines) is the whole's, in any
    /// grouping and any order.
    @Test(arguments: 1...20)
    func mergingThePartsOfAnySplitGivesTheWhole(seed: UInt64) throws {
        var generator = SplitMix(seed: seed)
        let lines = randomLines(&generator, count: Int(generator.next() % 3000))
        let whole = summary(lines)
        // Three parts at random cuts.
        let cuts = [Int(generator.next() % UInt64(lines.count + 1)), Int(generator.next() % UInt64(lines.count + 1))]
            .sorted()
        let parts = try [lines[..<cuts[0]], lines[cuts[0]..<cuts[1]], lines[cuts[1]...]].map { part in
            try JSONDecoder().decode(AccessLogSummary.self, from: try JSONEncoder().encode(summary(part)))
        }
        var leftFirst = parts[0]
        leftFirst.merge(parts[1])
        leftFirst.merge(parts[2], lineOffset: 0)
        var rightFirst = parts[1]
        rightFirst.merge(parts[2])
        var grouped = parts[0]
        grouped.merge(rightFirst)
        var reversed = parts[2]
        reversed.merge(parts[1])
        reversed.merge(parts[0])
        #expect(leftFirst == whole)
        #expect(grouped == whole)  // (a + b) + c == a + (b + c)
        #expect(reversed == whole)  // any order
        for field in AccessLogSummary.Field.allCases {
            #expect(reversed.top(field, 4).map(\.key) == whole.top(field, 4).map(\.key))
        }
    }

    @Test func aDocumentWithImpossibleCountsIsRejected() throws {
        let valid = try JSONEncoder().encode(summary([Array("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 1".utf8)]))
        let text = String(decoding: valid, as: UTF8.self)
        for broken in [
            text.replacingOccurrences(of: "\"requests\":1", with: "\"requests\":-1"),
            text.replacingOccurrences(of: "\"200\":1", with: "\"2000\":1"),
            text.replacingOccurrences(of: "\"\\/\":1", with: "\"\\/\":-5"),
        ] {
            #expect(broken != text)
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(AccessLogSummary.self, from: Data(broken.utf8))
            }
        }
    }
}
