"""cpython_knights_tour: ns per search for the first knight's tour of a 10x10 board.

The twin of knightsTourSearches in GeneratorBenchmarks/RecursiveWorkloads.swift:
from a corner, a generator per step, each delegating to the next with
`yield from` (100 nested), moves tried in Warnsdorff's order (fewest onward
moves first, then the lowest square).
"""
from _bench import main, triangular

SIZE = 10
JUMPS = ((1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2))


def moves(visited, square):
    row, column = divmod(square, SIZE)
    out = []
    for dr, dc in JUMPS:
        r, c = row + dr, column + dc
        if 0 <= r < SIZE and 0 <= c < SIZE and not visited[r * SIZE + c]:
            out.append(r * SIZE + c)
    return out


def tours(visited, path):
    if len(path) == SIZE * SIZE:
        yield path
        return
    ordered = sorted((len(moves(visited, s)), s) for s in moves(visited, path[-1]))
    for _, square in ordered:
        following = visited.copy()
        following[square] = True
        yield from tours(following, path + [square])


def knights_tours(n):
    s = 0
    start = [False] * (SIZE * SIZE)
    start[0] = True
    for _ in range(n):
        tour = next(tours(start, [0]), [])
        s += sum(tour)
    return s


if __name__ == "__main__":
    main([("cpython_knights_tour", knights_tours, lambda n: n * triangular(SIZE * SIZE))])
