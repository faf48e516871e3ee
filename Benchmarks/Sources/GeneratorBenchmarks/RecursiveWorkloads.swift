//===----------------------------------------------------------------------===//
// Recursive generators, as Python users write them: a generator per subtree
// or per search step, each delegating to the next with `yield(from:)`. They
// pay the life of a short generator (sync.create_run_drop) per node, so these
// rows show what that cost means in a whole program.
//===----------------------------------------------------------------------===//
import Generators

// MARK: - sync.tree_inorder

/// A node of an immutable binary search tree.
final class TreeNode: Sendable {
    let left: TreeNode?
    let key: Int
    let right: TreeNode?

    init(left: TreeNode?, key: Int, right: TreeNode?) {
        self.left = left
        self.key = key
        self.right = right
    }
}

/// The balanced binary search tree of the keys `range`.
func balancedTree(_ range: Range<Int>) -> TreeNode? {
    guard !range.isEmpty else { return nil }
    let middle = range.lowerBound + range.count / 2
    return TreeNode(
        left: balancedTree(range.lowerBound..<middle),
        key: middle,
        right: balancedTree(middle + 1..<range.upperBound)
    )
}

/// The nodes of the tree `sync.tree_inorder` walks.
let treeSize = 1_000_000

/// The tree `sync.tree_inorder` walks, built once (not timed).
let benchmarkTree = balancedTree(0..<treeSize)

/// The keys of `node`'s subtree in order: a generator per subtree, the
/// empty ones included, exactly as the Python twin's `inorder`.
func inorder(_ node: TreeNode?) -> Generator<Int> {
    Generator { g in
        guard let node else { return }
        try g.yield(from: inorder(node.left))
        try g.yield(node.key)
        try g.yield(from: inorder(node.right))
    }
}

/// `sync.tree_inorder`: ns per node of an in-order walk of a balanced tree
/// of 1,000,000 nodes by recursive generators. A repetition takes `n` keys,
/// walking the tree again from its start when it has seen them all (so `n`
/// is at least one whole walk: `minimumSize`).
///
/// CPython twin: python/tree_inorder.py (`cpython_tree_inorder`), the same
/// walk with `yield from`.
@inline(never)
func sumOfTreeInorder(_ n: Int) -> Int {
    var sum = 0
    var remaining = n
    while remaining > 0 {
        for key in inorder(benchmarkTree) {
            sum &+= key
            remaining -= 1
            if remaining == 0 { break }
        }
    }
    return sum
}

/// The checksum of `sumOfTreeInorder(n)`.
func expectedTreeInorder(_ n: Int) -> Int {
    (n / treeSize) &* triangular(treeSize) &+ triangular(n % treeSize)
}

// MARK: - sync.knights_tour

/// The side of the knight's tour board.
let knightsBoardSize = 10

/// The knight's jumps, in the order moves are listed.
let knightJumps = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]

/// The squares a knight on `square` can jump to that are not visited yet.
func knightMoves(_ visited: [Bool], from square: Int) -> [Int] {
    let (row, column) = square.quotientAndRemainder(dividingBy: knightsBoardSize)
    var moves: [Int] = []
    for (dr, dc) in knightJumps {
        let (r, c) = (row + dr, column + dc)
        if r >= 0, r < knightsBoardSize, c >= 0, c < knightsBoardSize, !visited[r * knightsBoardSize + c] {
            moves.append(r * knightsBoardSize + c)
        }
    }
    return moves
}

/// Every tour that completes `path`, a generator per step; moves are tried
/// in Warnsdorff's order (fewest onward moves first, then the lowest
/// square), as the Python twin's `tours`.
func knightsTours(_ visited: [Bool], path: [Int]) -> Generator<[Int]> {
    Generator { g in
        if path.count == knightsBoardSize * knightsBoardSize {
            try g.yield(path)
            return
        }
        let ordered = knightMoves(visited, from: path.last!)
            .map { (knightMoves(visited, from: $0).count, $0) }
            .sorted { $0 < $1 }
        for (_, square) in ordered {
            var next = visited
            next[square] = true
            try g.yield(from: knightsTours(next, path: path + [square]))
        }
    }
}

/// `sync.knights_tour`: ns per search for the first knight's tour of a
/// 10×10 board from a corner: 100 generators nested 100 deep, each
/// delegating to the next.
///
/// CPython twin: python/knights_tour.py (`cpython_knights_tour`).
@inline(never)
func knightsTourSearches(_ n: Int) -> Int {
    var sum = 0
    var start = Array(repeating: false, count: knightsBoardSize * knightsBoardSize)
    start[0] = true
    for _ in 0..<n {
        let tour = knightsTours(start, path: [0]).next() ?? []
        for square in tour { sum &+= square }
    }
    return sum
}

/// The checksum of `knightsTourSearches(n)`: every tour visits every
/// square once.
func expectedKnightsTours(_ n: Int) -> Int {
    n &* triangular(knightsBoardSize * knightsBoardSize)
}

// MARK: - The suite

/// Times the recursive workloads. Returns (key, value) lines for the report.
func runRecursiveTimedSuite(plan: TimingPlan) -> [(String, Double)] {
    progress("timing sync.tree_inorder (building the tree) ...")
    _ = benchmarkTree
    var tree = Workload(name: "sync.tree_inorder", run: sumOfTreeInorder, expected: expectedTreeInorder)
    tree.minimumSize = treeSize
    var results = measureBestByName([tree], plan: plan)
    progress("timing sync.knights_tour ...")
    let tour = Workload(name: "sync.knights_tour", run: knightsTourSearches, expected: expectedKnightsTours)
    results += measureBestByName([tour], plan: plan)
    return results
}
