"""samtrygg as a layer in the municipality's GIS: a read-only OGC API – Features service under /ogc/ (see
docs/gis.md)."""
