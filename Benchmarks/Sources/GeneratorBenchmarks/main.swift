import Generators
import Foundation

@inline(never) func sumGenerator(_ n: Int) -> Int {
    let g = Generator<Int> { g in
        for i in 0..<n { try g.yield(i) }
    }
    var s = 0
    for x in g { s &+= x }
    return s
}
let n = 10_000_000
for _ in 0..<3 {
let t0 = DispatchTime.now().uptimeNanoseconds
let s = sumGenerator(n)
let t1 = DispatchTime.now().uptimeNanoseconds
print(s, Double(t1 - t0) / Double(n), "ns/value")
}
