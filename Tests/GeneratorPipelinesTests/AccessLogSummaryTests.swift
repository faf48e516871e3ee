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
        summary.beginFile("access.log")
        try ByteLines(path: Self.realLog).forEachLine { summary.add(line: $0) }
        // The same through String lines.
        var fromStrings = AccessLogSummary()
        fromStrings.beginFile("access.log")
        for line in try FileLines(path: Self.realLog) { fromStrings.add(line: line) }
        #expect(fromStrings == summary)
        // Checked with awk and a Python regex on the same file: 10,000 lines,
        // of which line 8899 is cut short inside its user agent.
        #expect(summary.requests == 9_999)
        #expect(summary.malformedLines == 1)
        #expect(summary.malformedExamples.first?.lineNumber == 8_899)
        #expect(summary.malformedExamples.first?.path == "access.log")
        #expect(summary.lines == 10_000)
        // 17 May 2015 10:05 to 20 May 21:58, every hour present.
        #expect(summary.requestsPerHour.count == 14 + 24 + 24 + 22)
        #expect(summary.requestsPerHour.first?.hour == "2015-05-17 10:00 +0000")
        #expect(summary.requestsPerHour.map(\.count).reduce(0, +) == 9_999)
        #expect(summary.statuses == [200: 9_125, 304: 445, 404: 213, 301: 164, 206: 45, 500: 3, 416: 2, 403: 2])
        #expect(summary.top(.hosts, 1).first?.key == "66.249.73.135")
        #expect(summary.top(.hosts, 1).first?.count == 482)
    }

    @Test func topBreaksTiesByKey() {
        var summary = AccessLogSummary()
        for path in ["/b", "/a", "/c", "/a", "/b"] {
            summary.add(line: #"1.2.3.4 - - [t] "GET \#(path) HTTP/1.1" 200 10 "-" "x""#)
        }
        #expect(summary.top(.paths, 2).map(\.key) == ["/a", "/b"])
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

extension AccessLogSummaryTests {
    static func line(
        host: String = "1.2.3.4",
        time: String = "17/May/2015:10:05:03 +0000",
        path: String = "/a",
        status: Int = 200,
        bytes: String = "10",
        referrer: String = "-"
    ) -> String {
        #"\#(host) - - [\#(time)] "GET \#(path) HTTP/1.1" \#(status) \#(bytes) "\#(referrer)" "agent""#
    }

    @Test func countsRequestsPerHourInTheLogsOwnTimeZone() {
        var summary = AccessLogSummary()
        for time in [
            "17/May/2015:10:05:03 +0000", "17/May/2015:10:59:59 +0000", "17/May/2015:11:00:00 +0000",
            "01/Jan/2016:00:00:00 -0500", "17/May/2015:10:05:03 +0200", "yesterday", "17/Xyz/2015:10:05:03 +0000",
        ] {
            summary.add(line: Self.line(time: time))
        }
        #expect(
            summary.requestsPerHour.map(\.hour) == [
                "-", "2015-05-17 10:00 +0000", "2015-05-17 10:00 +0200", "2015-05-17 11:00 +0000",
                "2016-01-01 00:00 -0500",
            ]
        )
        #expect(summary.requestsPerHour.map(\.count) == [2, 2, 1, 1, 1])
    }

    @Test func malformedLinesNameTheirFileAndLineInIt() {
        var summary = AccessLogSummary()
        summary.beginFile("a.log")
        summary.add(line: Self.line())
        summary.add(line: "oops")
        summary.beginFile("b.log")
        summary.add(line: "")
        #expect(
            summary.malformedExamples == [
                .init(path: "a.log", lineNumber: 2, text: "oops"), .init(path: "b.log", lineNumber: 1, text: ""),
            ]
        )
        #expect(summary.lines == 3)
        #expect(summary.requests == 1)
    }

    @Test func theMergeOfThePartsIsTheWhole() {
        var lines: [String] = []
        for i in 0..<300 {
            lines.append(
                i % 37 == 0
                    ? "bad \(i)"
                    : Self.line(
                        host: "10.0.0.\(i % 7)",
                        path: "/p\(i % 11)",
                        status: 200 + i % 3,
                        bytes: "\(i)",
                        referrer: i % 2 == 0 ? "-" : "https://r/\(i % 5)"
                    )
            )
        }
        var whole = AccessLogSummary()
        for line in lines { whole.add(line: line) }
        for cut in [0, 1, 150, 299, 300] {
            var first = AccessLogSummary()
            var second = AccessLogSummary()
            for line in lines[..<cut] { first.add(line: line) }
            for line in lines[cut...] { second.add(line: line) }
            var merged = first
            merged.merge(second)
            #expect(merged == whole)
            #expect(merged.top(.paths, 3).map(\.key) == whole.top(.paths, 3).map(\.key))
            #expect(merged.requestsPerHour.map(\.count) == whole.requestsPerHour.map(\.count))
            var reversed = second
            reversed.merge(first)
            #expect(reversed == whole)
        }
    }

    @Test func invalidUTF8KeysAreReplacedAndMergedWhenTheyMeet() {
        var summary = AccessLogSummary()
        // Two different invalid bytes become the same U+FFFD.
        for byte: UInt8 in [0xFF, 0xFE, 0xFF] {
            var line = Array(Self.line(path: "/x").utf8)
            let slash = line.firstIndex(of: UInt8(ascii: "x"))!
            line[slash] = byte
            _ = line.withUnsafeBufferPointer { summary.add(line: $0.span) }
        }
        #expect(summary.paths == ["/\u{FFFD}": 3])
        #expect(summary.top(.paths, 5).map(\.count) == [3])
        #expect(summary.linesWithInvalidUTF8 == 3)
        // Valid UTF-8 beyond ASCII is not counted, wherever it sits.
        summary.add(line: Self.line(path: "/\(String(repeating: "a", count: 21))é/ü€𝄞"))
        summary.add(line: "ünicode, not a record")
        #expect(summary.linesWithInvalidUTF8 == 3)
    }

    @Test func aRecordCountsAsItsLineDoes() throws {
        let text = Self.line(referrer: "https://r/")
        var fromLine = AccessLogSummary()
        fromLine.add(line: text)
        var fromRecord = AccessLogSummary()
        fromRecord.add(try #require(AccessLogRecord(parsing: text)))
        #expect(fromRecord == fromLine)
    }

    @Test func bytesSentStopsAtIntMaxInsteadOfOverflowing() {
        var summary = AccessLogSummary()
        summary.add(line: Self.line(bytes: String(Int.max)))
        summary.add(line: Self.line(bytes: "5"))
        #expect(summary.bytesSent == Int.max)
        #expect(summary.requests == 2)
    }
}

extension String {
    fileprivate func prepending(_ prefix: String) -> String { prefix + self }
}
