import GeneratorPipelines
import Testing

@Suite struct AccessLogRecordTests {
    @Test func parsesTheCombinedFormat() throws {
        let line =
            #"83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36""#
        let record = try #require(AccessLogRecord(parsing: line))
        #expect(record.host == "83.149.9.216")
        #expect(record.time == "17/May/2015:10:05:03 +0000")
        #expect(record.method == "GET")
        #expect(record.path == "/presentations/logstash-monitorama-2013/images/kibana-search.png")
        #expect(record.httpVersion == "HTTP/1.1")
        #expect(record.status == 200)
        #expect(record.bytes == 203023)
        #expect(record.referrer == "http://semicomplete.com/presentations/logstash-monitorama-2013/")
        #expect(record.userAgent?.hasPrefix("Mozilla/5.0 (Macintosh;") == true)
    }

    @Test func parsesTheCommonFormatAndADashForBytes() throws {
        let record = try #require(
            AccessLogRecord(
                parsing: #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 304 -"#
            )
        )
        #expect(record.bytes == 0)
        #expect(record.status == 304)
        #expect(record.referrer == nil && record.userAgent == nil)
    }

    @Test func anEscapedQuoteStaysInsideItsField() throws {
        let record = try #require(
            AccessLogRecord(parsing: #"1.2.3.4 - - [t] "GET /a HTTP/1.1" 200 5 "-" "agent \"quoted\" name""#)
        )
        #expect(record.userAgent == #"agent \"quoted\" name"#)
    }

    @Test func aRequestLineThatIsNotThreeWordsIsKeptWhole() throws {
        let record = try #require(AccessLogRecord(parsing: #"1.2.3.4 - - [t] "\x16\x03\x01" 400 0 "-" "-""#))
        #expect(record.path == #"\x16\x03\x01"#)
        #expect(record.method.isEmpty)
    }

    @Test(arguments: [
        "",
        "garbage",
        #"1.2.3.4 - - [t] "GET / HTTP/1.1" 200"#,  // cut short
        #"1.2.3.4 - - [t] "GET / HTTP/1.1" 2000 5"#,  // not a status
        #"1.2.3.4 - - [t] "GET / HTTP/1.1" 200 -5"#,
        #"1.2.3.4 - - [t "GET / HTTP/1.1" 200 5"#,
        #"1.2.3.4 - - [t] "GET / HTTP/1.1" 200 5 "-" "no closing quote"#,
    ])
    func rejectsWhatIsNotARecord(line: String) {
        #expect(AccessLogRecord(parsing: line) == nil)
    }
}
