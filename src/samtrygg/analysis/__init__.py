"""Spatial and temporal statistics for the lägesbild, in plain Python, NumPy and SciPy.

Never imports Django or a samtrygg app (an import-linter contract in pyproject.toml); it may use samtrygg.lib.
Inputs and outputs are arrays and small dataclasses, so every function can be tested and benchmarked alone.

    hexgrid       H3 cells as int64 arrays: region cover, study cells, k-ring neighbourhoods (CSR)
    hotspots      Getis-Ord Gi*, Benjamini–Hochberg FDR, graded hot and cold spots
    emerging      Mann–Kendall trend per cell combined with Gi* per time slice (emerging hot spots)
    timepatterns  hour × weekday matrix, months, seasons, monthly series with a trend
    compare       exact conditional Poisson test of two counts, rate ratio, rates per 1,000 residents
    knox          Knox near-repeat test with a Monte Carlo p-value
"""
