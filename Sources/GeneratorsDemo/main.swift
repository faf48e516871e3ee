import Generators

let numbers = Generator<Int> { g in
    for i in 0..<10 { try g.yield(i) }
}
for n in numbers { print(n) }
