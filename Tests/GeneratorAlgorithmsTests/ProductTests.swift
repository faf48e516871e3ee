import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct ProductTests {
    @Test func matchesPythonsExamples() {
        // product('ABCD', 'xy') → Ax Ay Bx By Cx Cy Dx Dy
        #expect(product(["ABCD", "xy"]).map { String($0) } == ["Ax", "Ay", "Bx", "By", "Cx", "Cy", "Dx", "Dy"])
        // product(range(2), repeat=3) → 000 001 010 011 100 101 110 111
        let bits = (0..<2).product(repeating: 3).map { $0.map(String.init).joined() }
        #expect(bits == ["000", "001", "010", "011", "100", "101", "110", "111"])
    }

    @Test func edgeCasesMatchPython() {
        // product() → [()]; product('AB', '') → []; product('AB', repeat=0) → [()]
        #expect(Array(product([[Int]]())) == [[]])
        #expect(Array(product(["AB", ""])).isEmpty)
        #expect(Array("AB".product(repeating: 0)) == [[]])
    }

    @Test func readsEachSequenceOnce() {
        let source = ReportingSequence([1, 2])
        #expect(Array(source.product(repeating: 2)) == [[1, 1], [1, 2], [2, 1], [2, 2]])
        #expect(source.pulls == 3)
        let letters = Generator<Character> { g in for c in "xy" { try g.yield(c) } }
        let numbers = Generator<Character> { g in for c in "12" { try g.yield(c) } }
        #expect(product([letters, numbers]).map { String($0) } == ["x1", "x2", "y1", "y2"])
    }

    @Test func repeatingZeroReadsNothing() {
        // product(count(), repeat=0) → [()], without reading the endless input.
        #expect(Array(naturals().product(repeating: 0)) == [[]])
        let source = ReportingSequence([1, 2])
        #expect(Array(source.product(repeating: 0)) == [[]])
        #expect(source.pulls == 0)
    }

    @Test func aNegativeRepeatIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) { _ = [1].product(repeating: -1) }
    }
}
