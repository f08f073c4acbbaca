"""The analysis page's sections for what a user chose (area, period, categories, optionally a second area):
the incidents by category, the hot spot map and the time patterns (as in a lägesbild), the two areas side by
side, and — for a single category — the Knox test for near-repeats. Counted from what the user sees."""

import numpy as np

from samtrygg.analysis import knox
from samtrygg.areas.selectors import population_of
from samtrygg.incidents.query import Period
from samtrygg.lib import crs
from samtrygg.publishing.document import Section

from .gather import Scope, gather, incidents_for
from .sections import analysis_sections, area_comparison_section, near_repeat_section

KNOX_DISTANCE_M = 200  # close in place: within a couple of blocks
KNOX_DAYS = 14  # close in time: within two weeks
KNOX_PERMUTATIONS = 99
KNOX_LIMIT = 20_000  # incidents; above this the test is left out (it is for one category in one area)


def explore(access, *, area, period_from, period_to, category, compare_area=None) -> list[Section]:
    period = Period(period_from, period_to)
    scope = Scope(access, area, period, [c.pk for c in category], area.owner.municipality_code())
    data = gather(scope, outside_data=False)
    sections = analysis_sections(data)
    if compare_area is not None:
        other = Scope(access, compare_area, period, scope.category_ids, scope.kommunkod)
        sections.append(area_comparison_section(period, [
            (area.name, data.current.total, data.population),
            (compare_area.name, incidents_for(other, period).count(), population_of(compare_area)),
        ]))
    if len(category) == 1:
        located = incidents_for(scope, period).filter(lat__isnull=False)
        if 2 <= located.count() <= KNOX_LIMIT:
            rows = np.array([(lat, lon, when.timestamp() / 86400.0)
                             for lat, lon, when in located.values_list("lat", "lon", "occurred_from")])
            north, east = crs.wgs84_to_sweref_many(rows[:, 0], rows[:, 1])
            result = knox.knox(east, north, rows[:, 2], distance=KNOX_DISTANCE_M, days=KNOX_DAYS,
                               permutations=KNOX_PERMUTATIONS, seed=1)
            sections.append(near_repeat_section(result, category[0].name.lower()))
    return sections
