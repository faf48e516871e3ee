import Foundation
import Testing

// Fixtures shared by the pipeline tests: files in fresh folders (left for
// the system to clean, as the temporary folder is), descriptor counts,
// gzip data made by the system's gzip.

/// A file in a fresh folder under the system's temporary folder.
func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("input").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw CocoaError(.fileWriteUnknown)
    }
    return path
}

func temporaryFile(_ text: String) throws -> String {
    try temporaryFile(Array(text.utf8))
}

/// How many descriptors this process has open on `path` (tests run in
/// parallel, so the process's total is no measure).
func openDescriptors(to path: String) -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return entries.filter { entry in
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)")) == path
    }.count
}

/// `bytes` compressed by the system's `gzip -c`.
func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
    let source = try temporaryFile(bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -c < '\(source)'"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    return [UInt8](data)
}

/// A fresh empty folder.
func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gen-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.path
}
