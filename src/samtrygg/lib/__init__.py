"""Plain-Python helpers with no Django and no models (geometry, formats). import-linter keeps Django out."""
