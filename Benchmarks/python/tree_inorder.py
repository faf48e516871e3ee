"""cpython_tree_inorder: ns per node of an in-order walk by recursive generators.

The twin of sumOfTreeInorder in GeneratorBenchmarks/RecursiveWorkloads.swift:
a balanced binary search tree of 1,000,000 nodes (built once, not timed),
walked with a generator per subtree, the empty ones included, each
delegating with `yield from`. A repetition takes n keys, walking the tree
again from its start when it has seen them all.
"""
from _bench import main, triangular

TREE_SIZE = 1_000_000


class Node:
    __slots__ = ("left", "key", "right")

    def __init__(self, left, key, right):
        self.left = left
        self.key = key
        self.right = right


def balanced_tree(lo, hi):
    if lo >= hi:
        return None
    middle = lo + (hi - lo) // 2
    return Node(balanced_tree(lo, middle), middle, balanced_tree(middle + 1, hi))


TREE = balanced_tree(0, TREE_SIZE)


def inorder(node):
    if node is not None:
        yield from inorder(node.left)
        yield node.key
        yield from inorder(node.right)


def tree_inorder(n):
    s = 0
    remaining = n
    while remaining > 0:
        for key in inorder(TREE):
            s += key
            remaining -= 1
            if remaining == 0:
                break
    return s


def expected(n):
    return (n // TREE_SIZE) * triangular(TREE_SIZE) + triangular(n % TREE_SIZE)


if __name__ == "__main__":
    main([("cpython_tree_inorder", tree_inorder, expected)])
