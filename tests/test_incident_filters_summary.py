"""The summary of active incident filters (incidents.filters.chosen_filters): one removable entry per chosen value,
named as the user reads it, each link keeping every other filter."""

from urllib.parse import parse_qs

from django.http import QueryDict

from reporting import category
from samtrygg.access.resolver import Access
from samtrygg.incidents import selectors
from samtrygg.incidents.filters import IncidentFilter, chosen_filters


def summary(world, query: str):
    access = Access(world.alice)
    return chosen_filters(IncidentFilter(QueryDict(query), queryset=selectors.incident_list(access), access=access))


def test_each_chosen_value_is_named_and_removable_alone(world):
    klotter, brand = category("skadegorelse.klotter"), category("brand")
    chosen = summary(world, f"category={klotter.pk}&category={brand.pk}&area={world.area_a_sub.pk}"
                            "&status=ny&period_from=2026-01-01&q=+torget+&page=3")
    assert [(c.label, c.value) for c in chosen] == [
        ("Från och med", "2026-01-01"), ("Kategori", "Skadegörelse: Klotter"), ("Kategori", "Brand"),
        ("Område", "Torget"), ("Status", "Ny"), ("Fritext", "torget")]
    without_brand = parse_qs(chosen[2].without)
    assert without_brand["category"] == [str(klotter.pk)] and without_brand["area"] == [str(world.area_a_sub.pk)]
    assert "page" not in without_brand  # back to the first page of the new result


def test_nothing_is_summarised_from_an_invalid_or_empty_query(world):
    assert summary(world, "") == []
    assert summary(world, "period_from=not-a-day&category=1") == []
    assert summary(world, f"area={world.area_b.pk}") == []  # an area Alice cannot see: invalid, not named
