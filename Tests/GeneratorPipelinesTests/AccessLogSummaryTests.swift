import Foundation
import GeneratorPipelines
import Testing

@Suite struct AccessLogSummaryTests {
    /// The real log in `../shared/data`, read in place (never copied).
    static let realLog =
        #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        .prepending("/") + "/../shared/data/apache_logs/access.log"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: realLog), "needs ../shared/data beside the checkout"))
    func summarizesARealServersLog() throws {
        var summary = AccessLogSummary()
        for line in try FileLines(path: Self.realLog) { summary.add(line: line) }
        // Checked with awk and a Python regex on the same file: 10,000 lines,
        // of which line 8899 is cut short inside its user agent.
        #expect(summary.requests == 9_999)
        #expect(summary.malformedLines == 1)
        #expect(summary.malformedExamples.first?.lineNumber == 8_899)
        #expect(summary.statuses == [200: 9_125, 304: 445, 404: 213, 301: 164, 206: 45, 500: 3, 416: 2, 403: 2])
        #expect(summary.top(\.hosts, 1).first?.key == "66.249.73.135")
        #expect(summary.top(\.hosts, 1).first?.count == 482)
    }

    @Test func topBreaksTiesByKey() {
        var summary = AccessLogSummary()
        for path in ["/b", "/a", "/c", "/a", "/b"] {
            summary.add(line: #"1.2.3.4 - - [t] "GET \#(path) HTTP/1.1" 200 10 "-" "x""#)
        }
        #expect(summary.top(\.paths, 2).map(\.key) == ["/a", "/b"])
        #expect(summary.bytesSent == 50)
        #expect(summary.referrers.isEmpty)
    }

    @Test func keepsTheFirstFewMalformedLines() {
        var summary = AccessLogSummary()
        for i in 0..<20 { summary.add(line: "bad \(i)") }
        #expect(summary.malformedLines == 20)
        #expect(summary.malformedExamples.map(\.lineNumber) == [1, 2, 3, 4, 5])
    }
}

extension String {
    fileprivate func prepending(_ prefix: String) -> String { prefix + self }
}
