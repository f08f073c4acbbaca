"""Lägesbild: the municipality's situation picture of crime and insecurity (Lag 2023:196, 4 §), built from the
incidents, the analysis package and outside statistics, reviewed, adopted and then frozen."""
