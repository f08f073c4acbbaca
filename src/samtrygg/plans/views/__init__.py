"""Pages of the plans app: the method bank and medborgarlöften with their public page (library), action plans
with their dashboard and follow-up (plans), downloads and reports (reports), and collaboration agreements
(agreements). urls.py names the module of each."""
