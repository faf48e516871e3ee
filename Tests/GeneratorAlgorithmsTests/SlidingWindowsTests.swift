import GeneratorAlgorithms
import Generators
import Testing
import _GeneratorsTestSupport

@Suite struct SlidingWindowsTests {
    @Test func matchesPythonsExample() {
        // sliding_window('ABCDEFG', 4) → ABCD BCDE CDEF DEFG
        let windows = "ABCDEFG".slidingWindows(ofCount: 4).map { String($0) }
        #expect(windows == ["ABCD", "BCDE", "CDEF", "DEFG"])
    }

    @Test func readsTheFirstWindowThenOneElementPerWindow() {
        let source = ReportingSequence(1...5)
        var windows = source.slidingWindows(ofCount: 3).makeIterator()
        #expect(windows.next() == [1, 2, 3])
        #expect(source.pulls == 3)
        #expect(windows.next() == [2, 3, 4])
        #expect(source.pulls == 4)
        #expect(windows.next() == [3, 4, 5])
        #expect(windows.next() == nil)
        #expect(windows.next() == nil)
        #expect(source.pulls == 6)
        #expect(source.pullsAfterEnd == 0)
    }

    @Test func aShortInputHasNoWindows() {
        #expect(Array([1, 2].slidingWindows(ofCount: 3)).isEmpty)
        #expect(Array([Int]().slidingWindows(ofCount: 1)).isEmpty)
        #expect(Array([1, 2, 3].slidingWindows(ofCount: 1)) == [[1], [2], [3]])
    }

    @Test func worksOnAnInfiniteGenerator() {
        #expect(Array(naturals().slidingWindows(ofCount: 2).prefix(3)) == [[0, 1], [1, 2], [2, 3]])
    }

    @Test func releasesItsBaseOnceItRunsOut() {
        let log = EventLog()
        var windows = ReleaseWitnessSequence([1, 2], log: log).slidingWindows(ofCount: 2).makeIterator()
        #expect(windows.next() == [1, 2])
        #expect(log.events.isEmpty)
        #expect(windows.next() == nil)
        #expect(log.events == ["released"])
    }

    @Test func aCountBelowOneIsAProgrammerError() async {
        await #expect(processExitsWith: .failure) {
            _ = [1, 2, 3].slidingWindows(ofCount: 0)
        }
    }
}
