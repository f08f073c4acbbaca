"""Paging a list that may hold millions of rows: the first page costs the same at a thousand and at ten million.

Django's Paginator counts every row (`SELECT count(*)`) before it shows a page: at 1,000,000 incidents that count
was most of the incident list's time. CappedPaginator counts no further than `cap` rows (the count of a LIMITed
subquery stops there) unless the caller knows the exact count cheaply (the incidents' tallies). Past the cap the
list says "more than …", and the pages after the cap's last are not offered: a user narrows the filters instead.
"""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int, count: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self._known = count

    @cached_property
    def count(self) -> int:
        """The exact count when it was given or is at most `cap`; otherwise cap + 1."""
        if self._known is not None:
            return self._known
        return self.object_list.order_by().values("pk")[:self.cap + 1].count()

    @property
    def capped(self) -> bool:
        """Whether there are more rows than were counted."""
        return self._known is None and self.count > self.cap
