import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct AsyncEnumeratedSequenceTests {
    @Test func pairsEachElementWithItsOffset() async throws {
        var pairs: [String] = []
        for try await (offset, value) in asyncNumbers(10..<13).enumerated() { pairs.append("\(offset):\(value)") }
        #expect(pairs == ["0:10", "1:11", "2:12"])
    }

    @Test func keepsTheBaseFailureType() async {
        let letters = AsyncStream<String> { continuation in
            for letter in ["a", "b"] { continuation.yield(letter) }
            continuation.finish()
        }
        // AsyncStream never throws, and neither does its enumeration.
        var offsets: [Int] = []
        for await (offset, _) in letters.enumerated() { offsets.append(offset) }
        #expect(offsets == [0, 1])
    }

    @Test func passesAnErrorOn() async {
        let failing = AsyncGenerator<Int> { g in
            try await g.yield(1)
            throw TestError("base")
        }
        await #expect(throws: TestError("base")) {
            for try await _ in failing.enumerated() {}
        }
    }
}
