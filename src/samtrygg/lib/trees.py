"""Trees given as (node, parent) pairs: organisations below organisations, areas inside areas."""

from collections.abc import Iterable


def descendants(roots: Iterable[int], pairs: Iterable[tuple[int, int | None]]) -> set[int]:
    """`roots` and every node below them, from (node, parent) pairs; safe against cycles."""
    children: dict[int, list[int]] = {}
    for node, parent in pairs:
        if parent is not None:
            children.setdefault(parent, []).append(node)
    found = set(roots)
    todo = list(found)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found
