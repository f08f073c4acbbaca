"""Small counts kept small: primary and secondary suppression over a table of sums, and an audit of what a reader
could still work out.

A publication is a set of counts (`values`, keyed by anything hashable) and the sums that tie them together
(`Relation(parent, children)`: parent = Σ children, the children a partition of the parent). A count below k is
hidden (primary suppression; 0 is shown: it reveals no one). Hiding it alone is not enough: where the parent is
shown, parent − Σ shown children gives it back. So, relation by relation until nothing changes (secondary
suppression):

- a parent shown with hidden children: at least two children hidden, and their sum (which a reader can compute)
  at least k — else the smallest shown child with a count is hidden too (or, where none is left, a zero one
  for the count of two, or the parent);
- a parent hidden: at least one child hidden too, else the shown children would add up to it.

Every number is one count, the same wherever it appears (a municipality's total heads its own categories and its
own areas, and is a child of the county's total), so hiding it anywhere hides it everywhere. The publication must
be a fixed table: a reader chooses among its cells, never an arbitrary area or period, so two overlapping
queries cannot be subtracted (a region publishes whole calendar years, its members' own areas as filed, and
H3 cells of one resolution).

`audit()` is the proof: for each hidden count, the smallest and largest value it can take given everything shown
and every relation (a linear programme per bound, scipy's HiGHS; the tables here are totally unimodular, so the
bounds are whole numbers). A small count is protected when a reader can neither pin it nor rule out that it is
0 or at least k.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy import optimize, sparse


@dataclass(frozen=True)
class Relation:
    parent: Hashable
    children: tuple[Hashable, ...]


def suppress(values: Mapping[Hashable, int], relations: Iterable[Relation], k: int) -> set[Hashable]:
    """The keys to hide: every count from 1 to k − 1, and the others that would reveal one."""
    relations = [r for r in relations if r.children]
    hidden = {key for key, value in values.items() if 0 < value < k}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            changed |= _protect(values, relation, hidden, k)
    return hidden


def _protect(values, relation: Relation, hidden: set, k: int) -> bool:
    children = relation.children
    hidden_children = [c for c in children if c in hidden]
    changed = False
    if relation.parent in hidden:
        if not hidden_children:
            hidden.add(_smallest(values, children, hidden))
            changed = True
        return changed
    if not hidden_children:
        return False
    while True:
        hidden_children = [c for c in children if c in hidden]
        remainder = sum(values[c] for c in hidden_children)
        if len(hidden_children) >= 2 and remainder >= k:
            return changed
        shown = [c for c in children if c not in hidden]
        with_count = [c for c in shown if values[c] > 0]
        if with_count:
            hidden.add(min(with_count, key=lambda c: (values[c], str(c))))
        elif shown and remainder >= k:
            hidden.add(shown[0])  # a zero, so that the remainder's two parts cannot be told apart
        else:
            hidden.add(relation.parent)
            return True
        changed = True


def _smallest(values, keys, hidden):
    shown = [c for c in keys if c not in hidden]
    with_count = [c for c in shown if values[c] > 0] or shown
    return min(with_count, key=lambda c: (values[c], str(c)))


def audit(values: Mapping[Hashable, int], relations: Iterable[Relation],
          hidden: set[Hashable]) -> dict[Hashable, tuple[float, float]]:
    """{hidden key: (smallest, largest)} value a reader can deduce from the shown counts and the relations
    (counts are never negative). The largest is inf where nothing bounds it."""
    relations = [r for r in relations if r.children]
    unknown = sorted(hidden, key=str)
    index = {key: i for i, key in enumerate(unknown)}
    rows, cols, data, rhs = [], [], [], []
    for r, relation in enumerate(relations):
        constant = 0.0
        for key, sign in [(relation.parent, 1.0), *((c, -1.0) for c in relation.children)]:
            if key in index:
                rows.append(r)
                cols.append(index[key])
                data.append(sign)
            else:
                constant -= sign * values[key]
        rhs.append(constant)
    n = len(unknown)
    a_eq = sparse.csr_array((data, (rows, cols)), shape=(len(relations), n))
    bounds = {}
    for key, i in index.items():
        c = np.zeros(n)
        c[i] = 1.0
        low = optimize.linprog(c, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")
        high = optimize.linprog(-c, A_eq=a_eq, b_eq=rhs, bounds=(0, None), method="highs")
        top = np.inf if high.status == 3 else -high.fun
        bounds[key] = (round(low.fun, 6), top if np.isinf(top) else round(top, 6))
    return bounds


def exposed(values: Mapping[Hashable, int], relations: Iterable[Relation], hidden: set[Hashable],
            k: int) -> dict[Hashable, tuple[float, float]]:
    """The small hidden counts a reader could narrow down: pinned, or known to lie between 1 and k − 1
    (bounds that exclude 0 and everything from k up). Empty when the suppression holds."""
    return {
        key: (low, high) for key, (low, high) in audit(values, relations, hidden).items()
        if 0 < values[key] < k and (low == high or (low > 0 and high < k))
    }
