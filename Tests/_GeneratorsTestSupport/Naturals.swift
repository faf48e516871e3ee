import Generators

/// A generator of 0, 1, 2, … that never ends.
public func naturals() -> Generator<Int> {
    Generator { g in
        var i = 0
        while true {
            try g.yield(i)
            i += 1
        }
    }
}
