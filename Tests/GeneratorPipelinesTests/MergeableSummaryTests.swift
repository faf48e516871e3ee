import GeneratorPipelines
import Testing

/// A user's own summary: built from the package's mergeable parts, it scales out the same way.
private struct WordStatistics: MergeableSummary {
    var lines = 0
    var words = Counts<String>()
    var longest = 0

    mutating func add(_ line: String) {
        lines += 1
        for word in line.split(separator: " ") {
            words.add(String(word))
            longest = max(longest, word.count)
        }
    }

    mutating func merge(_ other: WordStatistics) {
        lines += other.lines
        words.merge(other.words)
        longest = max(longest, other.longest)
    }
}

@Suite struct MergeableSummaryTests {
    @Test func aSummaryOfYourOwnMergesItsParts() {
        let text = ["to be or not to be", "that is the question", "to sleep perchance to dream"]
        let whole = WordStatistics.of(text)
        let merged = WordStatistics.merging(text.map { WordStatistics.of([$0]) })
        #expect(merged.lines == whole.lines && merged.words == whole.words && merged.longest == whole.longest)
        #expect(whole.words["to"] == 4 && whole.longest == 9)
    }

    @Test func anAccessLogSummaryIsOne() {
        let lines = [
            #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "x""#,
            "not a record",
            #"5.6.7.8 - - [17/May/2015:11:05:03 +0000] "GET /b HTTP/1.1" 404 7 "-" "x""#,
        ]
        let whole = AccessLogSummary.of(lines)
        #expect(AccessLogSummary.merging(lines.map { AccessLogSummary.of([$0]) }).requests == whole.requests)
        #expect(whole.requests == 2 && whole.malformedLines == 1)
    }
}
