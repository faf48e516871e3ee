// The demo: Python's generator programs, in Swift.
//
//   swift run generators-demo                    a tour of synchronous generators
//   swift run generators-demo seed [--interval S] the async generator the project
//                                                 started from: 0 to 9, one every S seconds (1)
import Generators

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - seed: the Python example the project started from

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "seed" {
    var interval = 1.0
    if let index = arguments.firstIndex(of: "--interval") {
        guard index + 1 < arguments.count, let seconds = Double(arguments[index + 1]), seconds >= 0 else {
            print("usage: generators-demo seed [--interval SECONDS]")
            exit(2)
        }
        interval = seconds
    }
    // async def generator_example():
    //     for i in range(10):
    //         yield i
    //         await asyncio.sleep(1)
    let pause = Duration.seconds(interval)
    let generatorExample = AsyncGenerator<Int> { g in
        for i in 0..<10 {
            try await g.yield(i)
            try await Task.sleep(for: pause)
        }
    }
    // async for value in generator_example():
    //     print(value)
    for try await value in generatorExample {
        print(value)
    }
    exit(0)
}

/// Prints a heading for each part.
func section(_ title: String) {
    print("\n== \(title)")
}

// MARK: - yield, lazily

section("yield: a countdown, one value at a time")
let countdown = Generator<Int> { g in
    for n in stride(from: 3, through: 1, by: -1) {
        print("  (producing \(n))")
        try g.yield(n)
    }
}
for n in countdown { print("  got \(n)") }

// MARK: - an infinite generator, taken lazily

section("an infinite generator: Fibonacci numbers, first ten")
let fibonacci = Generator<Int> { g in
    var (a, b) = (0, 1)
    while true {
        try g.yield(a)
        (a, b) = (b, a + b)
    }
}
print("  \(Array(fibonacci.prefix(10)))")

// MARK: - send

section("send: a running average that returns its result")
let averager = Coroutine<Double, Double, Double, Never> { g in
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
_ = averager.next()
for term in [10.0, 20.0, 30.0] {
    let step = try averager.send(term)
    print("  sent \(term), running average \(step.yielded ?? .nan)")
}
_ = averager.next()
print("  returned \(averager.returnValue ?? .nan)")

// MARK: - yield from

section("yield(from:): an in-order tree walk that returns subtree sizes")
final class Tree: Sendable {
    let value: String
    let left: Tree?
    let right: Tree?

    init(_ value: String, _ left: Tree? = nil, _ right: Tree? = nil) {
        self.value = value
        self.left = left
        self.right = right
    }
}

func inOrder(_ tree: Tree?) -> Coroutine<String, Void, Int, Never> {
    Coroutine { g in
        guard let tree else { return 0 }
        let left = try g.yield(from: inOrder(tree.left))
        try g.yield(tree.value)
        let right = try g.yield(from: inOrder(tree.right))
        return left + 1 + right
    }
}

let tree = Tree("d", Tree("b", Tree("a"), Tree("c")), Tree("f", Tree("e"), Tree("g")))
let walk = inOrder(tree)
print("  \(Array(walk).joined(separator: " ")), size \(walk.returnValue ?? 0)")

// MARK: - recursion

section("recursive generators: the 92 solutions of eight queens")
func queens(_ size: Int, placed: [Int] = []) -> Generator<[Int]> {
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
            if safe { try g.yield(from: queens(size, placed: placed + [column])) }
        }
    }
}
let solutions = queens(8)
print("  first: \(solutions.next() ?? [])")
print("  all: \(1 + solutions.reduce(0) { count, _ in count + 1 })")

// MARK: - close

section("close: cleanup runs when you stop early")
let lines = Generator<String> { g in
    print("  (opening the file)")
    defer { print("  (closing the file)") }
    for line in ["first line", "second line", "third line"] { try g.yield(line) }
}
if let first = try withClosing(lines, { $0.next() }) {
    print("  read only: \(first)")
}
