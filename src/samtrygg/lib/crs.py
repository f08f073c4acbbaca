"""Coordinate reference systems of Swedish incident files: WGS 84 (EPSG:4326, what we store) and SWEREF 99 TM
(EPSG:3006, the national grid most municipal GIS exports use).

Plain Python, no Django. Transformers are built once (pyproj, always_xy: x = longitude / easting first).

    detect(59.33, 18.07)            -> "4326"
    detect(6_580_000, 674_000)      -> "3006"   (northing, easting)
    to_wgs84(59.33, 18.07, "auto")  -> (59.33, 18.07)  as (lat, lon)
"""

from functools import cache

from pyproj import Transformer

WGS84 = "4326"
SWEREF99TM = "3006"
AUTO = "auto"
CHOICES = (AUTO, WGS84, SWEREF99TM)

# Sweden with a margin, in each system.
WGS84_LAT = (55.0, 69.5)
WGS84_LON = (10.0, 24.5)
SWEREF_N = (6.1e6, 7.7e6)
SWEREF_E = (2.5e5, 9.5e5)


class CoordinateError(ValueError):
    """A coordinate pair that lies in Sweden in none of the supported systems."""


@cache
def _transformer(source: str, target: str) -> Transformer:
    return Transformer.from_crs(f"EPSG:{source}", f"EPSG:{target}", always_xy=True)


def sweref_to_wgs84(north: float, east: float) -> tuple[float, float]:
    """(lat, lon) of a SWEREF 99 TM point."""
    lon, lat = _transformer(SWEREF99TM, WGS84).transform(east, north)
    return lat, lon


def wgs84_to_sweref(lat: float, lon: float) -> tuple[float, float]:
    """(north, east) of a WGS 84 point."""
    east, north = _transformer(WGS84, SWEREF99TM).transform(lon, lat)
    return north, east


def wgs84_to_sweref_many(lats, lons) -> tuple:
    """(northings, eastings) of many WGS 84 points at once (arrays in, arrays out)."""
    east, north = _transformer(WGS84, SWEREF99TM).transform(lons, lats)
    return north, east


def _inside(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def detect(a: float, b: float) -> str | None:
    """Which system the pair (a, b) — meant as (lat, lon) or (north, east), possibly swapped — is in, or None.
    Returns "4326", "3006", "4326-swapped" or "3006-swapped"."""
    if _inside(a, WGS84_LAT) and _inside(b, WGS84_LON):
        return WGS84
    if _inside(b, WGS84_LAT) and _inside(a, WGS84_LON):
        return WGS84 + "-swapped"
    if _inside(a, SWEREF_N) and _inside(b, SWEREF_E):
        return SWEREF99TM
    if _inside(b, SWEREF_N) and _inside(a, SWEREF_E):
        return SWEREF99TM + "-swapped"
    return None


def to_wgs84(a: float, b: float, crs: str = AUTO) -> tuple[float, float]:
    """(lat, lon) in WGS 84 of a pair given as (lat, lon) or (north, east) in `crs` ("auto", "4326" or "3006").
    A swapped pair is put right when the system is detected (auto) or when the stated system fits it swapped.
    Raises CoordinateError when the pair lies in Sweden in no supported system."""
    kind = detect(a, b)
    if kind is None or (crs != AUTO and not kind.startswith(crs)):
        raise CoordinateError(f"({a}, {b}) is not a point in Sweden in EPSG:{crs}" if crs != AUTO
                              else f"({a}, {b}) is not a point in Sweden in WGS 84 or SWEREF 99 TM")
    if kind.endswith("-swapped"):
        a, b = b, a
    if kind.startswith(SWEREF99TM):
        return sweref_to_wgs84(a, b)
    return a, b
