import Generators
import Testing
import _GeneratorsTestSupport

/// The classic generator programs (Python's test_generators and PEP 380), as
/// tests. The same programs are the examples of the DocC guide.
@Suite struct ClassicProgramsTests {
    // MARK: - A lazy prime sieve

    /// 2, 3, 4, … forever.
    static func integers(from start: Int) -> Generator<Int> {
        Generator { g in
            var n = start
            while true {
                try g.yield(n)
                n += 1
            }
        }
    }

    /// The sieve of Eratosthenes as a chain of generators: each prime found
    /// adds a filter in front of the rest.
    static func sieve(_ numbers: Generator<Int>) -> Generator<Int> {
        Generator { g in
            guard let prime = numbers.next() else { return }
            try g.yield(prime)
            let rest = Generator<Int> { g in
                for n in numbers where n % prime != 0 { try g.yield(n) }
            }
            try g.yield(from: sieve(rest))
        }
    }

    @Test func primeSieve() {
        let primes = Self.sieve(Self.integers(from: 2))
        #expect(Array(primes.prefix(15)) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47])
        // It is lazy and resumable: the next prime comes from the same chain.
        #expect(primes.next() == 53)
        let hundredth = Array(Self.sieve(Self.integers(from: 2)).prefix(100)).last
        #expect(hundredth == 541)
    }

    // MARK: - An in-order tree walk that returns subtree sizes

    final class Tree {
        let value: Int
        let left: Tree?
        let right: Tree?

        init(_ value: Int, _ left: Tree? = nil, _ right: Tree? = nil) {
            self.value = value
            self.left = left
            self.right = right
        }

        /// A balanced tree of the values in `range`.
        static func balanced(_ range: Range<Int>) -> Tree? {
            guard !range.isEmpty else { return nil }
            let middle = range.lowerBound + range.count / 2
            return Tree(middle, balanced(range.lowerBound..<middle), balanced(middle + 1..<range.upperBound))
        }
    }

    /// Yields the values in order and returns the size of the subtree.
    static func inOrder(_ tree: Tree?) -> Coroutine<Int, Void, Int, Never> {
        Coroutine { g in
            guard let tree else { return 0 }
            let left = try g.yield(from: inOrder(tree.left))
            try g.yield(tree.value)
            let right = try g.yield(from: inOrder(tree.right))
            return left + 1 + right
        }
    }

    @Test func inOrderTreeWalkReturnsSubtreeSizes() {
        let tree = Tree.balanced(0..<1000)
        let walk = Self.inOrder(tree)
        #expect(Array(walk) == Array(0..<1000))
        #expect(walk.returnValue == 1000)

        let small = Tree(2, Tree(1), Tree(4, Tree(3)))
        let smallWalk = Self.inOrder(small)
        #expect(Array(smallWalk) == [1, 2, 3, 4])
        #expect(smallWalk.returnValue == 4)
    }

    // MARK: - Eight queens by recursive generators

    /// Every way to finish placing queens, one column per row, given the
    /// columns already used by the rows above.
    static func queens(_ size: Int, placed: [Int] = []) -> Generator<[Int]> {
        Generator { g in
            if placed.count == size {
                try g.yield(placed)
                return
            }
            let row = placed.count
            for column in 0..<size {
                let safe = placed.enumerated().allSatisfy { otherRow, otherColumn in
                    otherColumn != column && abs(otherColumn - column) != row - otherRow
                }
                if safe {
                    try g.yield(from: queens(size, placed: placed + [column]))
                }
            }
        }
    }

    @Test func eightQueensHas92Solutions() {
        let solutions = Array(Self.queens(8))
        #expect(solutions.count == 92)
        #expect(solutions.first == [0, 4, 7, 5, 2, 6, 1, 3])
        #expect(Set(solutions.map { $0.description }).count == 92)
    }

    // MARK: - A send-driven running average that returns its result

    /// PEP 380's averager: receives numbers with `send`, yields the running
    /// average, and returns the final average when sent nothing (`next()`).
    static func averager() -> Coroutine<Double, Double, Double, Never> {
        Coroutine { g in
            var total = 0.0
            var count = 0.0
            var average = 0.0
            while let term = try g.yield(average) {
                total += term
                count += 1
                average = total / count
            }
            return average
        }
    }

    /// PEP 380's grouper: delegates to an averager and records its result.
    static func grouper(_ results: Box<ResultBox>, key: String) -> Coroutine<Double, Double, Void, Never> {
        Coroutine { g in
            let average = try g.yield(from: averager())
            results.value?.averages[key] = average
        }
    }

    final class ResultBox {
        var averages: [String: Double] = [:]
    }

    @Test func runningAverageReturnsItsResult() throws {
        let average = Self.averager()
        #expect(average.next() == 0)
        #expect(try average.send(10).yielded == 10)
        #expect(try average.send(20).yielded == 15)
        #expect(try average.send(30).yielded == 20)
        #expect(average.next() == nil)
        #expect(average.returnValue == 20)

        let results = ResultBox()
        let box = Box(results)
        for (key, values) in [("girls", [40.9, 38.5, 44.3]), ("boys", [39.0, 40.8, 43.2, 40.8])] {
            let group = Self.grouper(box, key: key)
            _ = group.next()
            for value in values { _ = try group.send(value) }
            _ = group.next()
        }
        #expect(abs(results.averages["girls"]! - 41.2333) < 0.001)
        #expect(abs(results.averages["boys"]! - 40.95) < 0.001)
    }

    // MARK: - A knight's tour, generators nested 100 deep

    struct Board {
        let size: Int
        var visited: [Bool]

        init(size: Int) {
            self.size = size
            self.visited = Array(repeating: false, count: size * size)
        }

        func moves(from square: Int) -> [Int] {
            let (row, column) = square.quotientAndRemainder(dividingBy: size)
            let jumps = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
            return jumps.compactMap { dr, dc in
                let r = row + dr
                let c = column + dc
                guard r >= 0, r < size, c >= 0, c < size, !visited[r * size + c] else { return nil }
                return r * size + c
            }
        }
    }

    /// Every tour that completes the path, one generator per step; moves are
    /// tried in Warnsdorff's order (fewest onward moves first).
    static func tours(_ board: Board, path: [Int], depth: Box<DepthGauge>) -> Generator<[Int]> {
        Generator { g in
            depth.value?.enter(path.count)
            if path.count == board.size * board.size {
                try g.yield(path)
                return
            }
            let ordered = board.moves(from: path.last!).sorted { a, b in
                var withA = board
                withA.visited[a] = true
                var withB = board
                withB.visited[b] = true
                return (withA.moves(from: a).count, a) < (withB.moves(from: b).count, b)
            }
            for square in ordered {
                var next = board
                next.visited[square] = true
                try g.yield(from: tours(next, path: path + [square], depth: depth))
            }
        }
    }

    final class DepthGauge {
        var deepest = 0

        func enter(_ depth: Int) {
            deepest = max(deepest, depth)
        }
    }

    @Test func knightsTourNestsGenerators100Deep() {
        var board = Board(size: 10)
        board.visited[0] = true
        let gauge = DepthGauge()
        let search = Self.tours(board, path: [0], depth: Box(gauge))
        guard let tour = search.next() else {
            Issue.record("no tour found")
            return
        }
        #expect(gauge.deepest == 100)
        #expect(tour.count == 100)
        #expect(Set(tour).count == 100)
        for (from, to) in zip(tour, tour.dropFirst()) {
            let (r1, c1) = from.quotientAndRemainder(dividingBy: 10)
            let (r2, c2) = to.quotientAndRemainder(dividingBy: 10)
            #expect(Set([abs(r1 - r2), abs(c1 - c2)]) == [1, 2])
        }
    }
}
