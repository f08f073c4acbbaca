"""SWEREF 99 TM <-> WGS 84 and the detection of which system a coordinate pair is in."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samtrygg.lib import crs

STOCKHOLM_WGS = (59.3293, 18.0686)
STOCKHOLM_SWEREF = (6580743.0, 674571.9)  # (north, east)


def test_a_point_on_the_central_meridian_transforms_by_the_projection_definition():
    # SWEREF 99 TM: central meridian 15° E, false easting 500 000 m, scale 0.9996; the GRS 80 meridian arc from
    # the equator to 60° N is 6 654 072.8 m.
    north, east = crs.wgs84_to_sweref(60.0, 15.0)
    assert abs(east - 500_000) < 0.01
    assert abs(north - 0.9996 * 6_654_072.8) < 1.0
    lat, lon = crs.sweref_to_wgs84(north, east)
    assert abs(lat - 60.0) < 1e-8 and abs(lon - 15.0) < 1e-8


@settings(max_examples=300, deadline=None)
@given(north=st.floats(6.14e6, 7.67e6), east=st.floats(2.6e5, 9.2e5))
def test_sweref_to_wgs84_and_back_moves_a_point_less_than_a_metre(north, east):
    lat, lon = crs.sweref_to_wgs84(north, east)
    assert math.dist(crs.wgs84_to_sweref(lat, lon), (north, east)) < 1.0


@pytest.mark.parametrize(("pair", "kind"), [
    (STOCKHOLM_WGS, "4326"),
    (STOCKHOLM_WGS[::-1], "4326-swapped"),
    (STOCKHOLM_SWEREF, "3006"),
    (STOCKHOLM_SWEREF[::-1], "3006-swapped"),
    ((48.85, 2.35), None),  # Paris
    ((0.0, 0.0), None),
])
def test_the_system_of_a_pair_is_detected(pair, kind):
    assert crs.detect(*pair) == kind


@pytest.mark.parametrize("pair", [STOCKHOLM_WGS, STOCKHOLM_WGS[::-1], STOCKHOLM_SWEREF, STOCKHOLM_SWEREF[::-1]])
def test_to_wgs84_puts_every_form_right(pair):
    lat, lon = crs.to_wgs84(*pair)
    assert abs(lat - STOCKHOLM_WGS[0]) < 1e-4 and abs(lon - STOCKHOLM_WGS[1]) < 1e-4


def test_a_stated_system_that_does_not_fit_is_refused():
    with pytest.raises(crs.CoordinateError):
        crs.to_wgs84(*STOCKHOLM_SWEREF, crs.WGS84)
    with pytest.raises(crs.CoordinateError):
        crs.to_wgs84(*STOCKHOLM_WGS, crs.SWEREF99TM)
    with pytest.raises(crs.CoordinateError):
        crs.to_wgs84(48.85, 2.35)
