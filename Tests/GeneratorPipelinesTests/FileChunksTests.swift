import Foundation
import GeneratorPipelines
import Testing

@Suite struct FileChunksTests {
    @Test(arguments: [0, 1, 4095, 4096, 4097, 200_000])
    func chunksHoldSizeBytesButTheLast(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = try temporaryFile(bytes)
        let chunks = Array(try FileChunks(path: path, size: 4096))
        #expect(chunks.flatMap { $0 } == bytes)
        #expect(chunks.dropLast().allSatisfy { $0.count == 4096 })
        #expect(chunks.last.map { (1...4096).contains($0.count) } ?? (length == 0))
    }

    @Test func gzipContentAndATruncatedGzipFile() throws {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let packed = try gzipped(bytes)
        #expect(Array(try FileChunks(path: try temporaryFile(packed), size: 30_000)).flatMap { $0 } == bytes)
        let cutPath = try temporaryFile(Array(packed.prefix(packed.count / 2)))
        let cut = try FileChunks(path: cutPath, size: 30_000)
        let delivered = Array(cut).flatMap { $0 }
        #expect(delivered == Array(bytes.prefix(delivered.count)))
        #expect(cut.readError == .truncatedGzip(path: cutPath, offset: packed.count / 2))
    }

    @Test func stoppingEarlyClosesTheFile() throws {
        let path = try temporaryFile([UInt8](repeating: 1, count: 100_000))
        do {
            for chunk in try FileChunks(path: path, size: 10) where chunk.count == 10 { break }
        }
        #expect(openDescriptors(to: path) == 0)
    }
}
