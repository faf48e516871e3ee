import CSV
import Foundation
import GeneratorPipelines
import SwiftCSV

// The line sources alone, for the pipe.lines rows: each reads a whole file
// and counts its lines (Benchmarks/run times the process, as it times
// `wc -l` and CPython's loop on the same file).

/// Lines lent as `Span<UInt8>` by `ByteLines.forEachLine` (pipe.lines).
func countLinesLent(_ path: String) throws -> Int {
    var count = 0
    var bytes = 0
    try ByteLines(path: path).forEachLine { line in
        count += 1
        bytes &+= line.count
    }
    blackHole(bytes)
    return count
}

/// Lines yielded as copy-on-write `ArraySlice<UInt8>` by iterating
/// `ByteLines` (pipe.lines.slices).
func countLinesSliced(_ path: String) throws -> Int {
    var count = 0
    var bytes = 0
    let lines = try ByteLines(path: path)
    for line in lines {
        count += 1
        bytes &+= line.count
    }
    if let error = lines.readError { throw error }
    blackHole(bytes)
    return count
}

/// Lines as `String` from `FileLines` (pipe.lines.strings).
func countLinesAsStrings(_ path: String) throws -> Int {
    var count = 0
    var bytes = 0
    let lines = try FileLines(path: path)
    for line in lines {
        count += 1
        bytes &+= line.utf8.count
    }
    if let error = lines.readError { throw error }
    blackHole(bytes)
    return count
}

// The CSV readers of the csv.* rows: each reads a whole file and returns
// its record and field counts (the run script checks they agree).

/// CSVRecords (ours): streaming, 64 KiB blocks.
func countCSVOurs(_ path: String) throws -> (records: Int, fields: Int) {
    var records = 0
    var fields = 0
    for record in try CSVRecords(path: path) {
        records += 1
        fields += record.count
    }
    return (records, fields)
}

/// swiftcsv/SwiftCSV: reads the file into one String, then parses it all.
func countCSVSwiftCSV(_ path: String) throws -> (records: Int, fields: Int) {
    let csv = try SwiftCSV.CSV<Enumerated>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
    // The header row is the CSV's header, not one of its rows.
    return (csv.rows.count + 1, csv.rows.reduce(csv.header.count) { $0 + $1.count })
}

/// yaslab/CSV.swift: streaming from an InputStream.
func countCSVCSVSwift(_ path: String) throws -> (records: Int, fields: Int) {
    guard let stream = InputStream(fileAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
    let reader = try CSVReader(stream: stream)
    var records = 0
    var fields = 0
    while let row = reader.next() {
        records += 1
        fields += row.count
    }
    return (records, fields)
}
