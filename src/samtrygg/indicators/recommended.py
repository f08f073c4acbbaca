"""The safety key figures recommended for a lägesbild: Kolada KPIs (fetched by the scheduled job for every
municipality, county and Sweden, and offered first on the page "Kolada's key figures") and Brå's crime groups
(imported from Brå's files: Brå has no open API). A Kolada id is listed only where a public source shows it with its
title; `evidence` names that source. The titles are Kolada's own (a fetch brings the series' name up to date from
Kolada's KPI metadata); `why` is shown to the user."""

from django.utils.translation import gettext_lazy as _

_SKOLENKATEN = ("A Kolada v3 script mapping Skolenkäten's question “Känner du dig trygg i skolan?” to N15613 (åk 5), "
                "N15643 (åk 8) and N17673 (gymnasiet år 2) (GitHub, a school safety map fetching api.kolada.se/v3).")
_MAP_2018 = "A Kolada map of 2018 statistics (GitHub, Places.js) listing {id} “{title}”."

KOLADA = [
    {"id": "N07540", "title": "Anmälda brott totalt, antal/100 000 inv",
     "why": _("All reported crimes per 100,000 residents: the municipality's level beside its county and Sweden."),
     "evidence": "Kolada v3 scripts naming N07540 “Anmälda brott totalt, /100 000 inv” (GitHub, "
                 "etl/build_kolada_extra.py) and a KPI table with N07540 “Anmälda brott totalt per 100 000 invånare”."},
    {"id": "N07403", "title": "Anmälda våldsbrott, antal/100 000 inv",
     "why": _("Reported violent crimes (attempted murder, assault, rape, gross violation of integrity, violence "
              "against officials, robbery) per 100,000 residents."),
     "evidence": "rKolada's tests: get_kpi_title(\"N07403\") is “Anmälda våldsbrott, antal/100 000 inv”; "
                 + _MAP_2018.format(id="N07403", title="Anmälda våldsbrott, antal/100 000 inv")},
    {"id": "U07418", "title": "Anmälda våldsbrott (treårsmedelvärde), antal/1000 inv",
     "why": _("Violent crime as a three-year mean: steadier than one year's figure in a small municipality."),
     "evidence": _MAP_2018.format(id="U07418", title="Anmälda våldsbrott (treårsmedelvärde), antal/1000 inv")},
    {"id": "N07402", "title": "Anmälda brott om grov kvinnofridskränkning i kommunen, antal/100 000 inv",
     "why": _("Violence in close relationships, which the social services work against and a lägesbild names."),
     "evidence": _MAP_2018.format(id="N07402", title="Anmälda brott om grov kvinnofridskränkning i kommunen, "
                                                     "antal/100 000 inv")},
    {"id": "U07417", "title": "Anmälda stöld- och tillgreppsbrott, antal/1000 inv",
     "why": _("Thefts per 1,000 residents: the largest group of crimes, and one that prevention can reach."),
     "evidence": _MAP_2018.format(id="U07417", title="Anmälda stöld- och tillgreppsbrott, antal/1000 inv")},
    {"id": "U07452", "title": "Anmälda brott om skadegörelse per 1 000 inv",
     "why": _("Criminal damage and graffiti: what residents see, and what makes places feel unsafe."),
     "evidence": _MAP_2018.format(id="U07452", title="Anmälda brott om skadegörelse per 1 000 inv")},
    {"id": "N15613", "title": "Elever i åk 5: Känner du dig trygg i skolan?",
     "why": _("Skolenkäten (Skolinspektionen): how many pupils in year 5 feel safe at school."),
     "evidence": _SKOLENKATEN},
    {"id": "N15643", "title": "Elever i åk 8: Känner du dig trygg i skolan?",
     "why": _("Skolenkäten (Skolinspektionen): how many pupils in year 8 feel safe at school."),
     "evidence": _SKOLENKATEN},
    {"id": "N17673", "title": "Elever i gymnasiet år 2: Känner du dig trygg i skolan?",
     "why": _("Skolenkäten (Skolinspektionen): how many upper-secondary pupils in year 2 feel safe at school."),
     "evidence": _SKOLENKATEN},
]

BRA = [
    {"crime": "Samtliga brott", "why": _("All reported crimes: the level.")},
    {"crime": "Brott mot person", "why": _("Crimes against the person (chapters 3–7 of the Penal Code).")},
    {"crime": "Misshandel", "why": _("Assault, the core of violent crime in public places.")},
    {"crime": "Olaga hot", "why": _("Unlawful threats, often behind insecurity in a neighbourhood.")},
    {"crime": "Rån", "why": _("Robbery, in public places among young people in particular.")},
    {"crime": "Stöld- och tillgreppsbrott", "why": _("Theft of every kind: burglary, vehicles, bicycles, shops.")},
    {"crime": "Bostadsinbrott", "why": _("Residential burglary, which neighbours and housing companies act against.")},
    {"crime": "Skadegörelsebrott", "why": _("Criminal damage and graffiti, the visible signs of disorder.")},
    {"crime": "Narkotikabrott", "why": _("Drug offences, which mirror police work as much as drug use.")},
]
