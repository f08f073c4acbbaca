"""Outside statistics (indikatorer): indicator series from Kolada, Brå and the municipalities' own surveys, with
their values per kommun, län, riket or area, and the comparison of a kommun with its län and the country."""
