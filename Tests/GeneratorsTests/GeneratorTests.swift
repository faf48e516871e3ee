import Generators
import Testing

@Suite struct GeneratorTests {
    @Test func yieldsInOrder() {
        let g = Generator<Int> { g in
            for i in 0..<5 { try g.yield(i) }
        }
        #expect(Array(g) == [0, 1, 2, 3, 4])
    }
}
