"""The SQL of migration 0017_tallies_from_each_other, frozen as tallies.py wrote it then (a later change to the
tallies comes with a migration of its own; tests/test_tallies.py says when the code and the latest frozen SQL
differ)."""

POSTGRESQL_INSTALL = ['CREATE OR REPLACE FUNCTION incident_tallies_insert() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 'BEGIN\n'
 '  WITH g_incidents_celltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, '
 "r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM new_rows r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) AS (SELECT r.owner_id, '
 "r.area_id, r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, "
 "extract(isodow from r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, extract(hour from "
 "r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, count(*) FROM new_rows r GROUP BY 1, 2, 3, 4, 5, "
 '6),\n'
 '    g_incidents_monthplacetally (owner_id, area_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, r.month, '
 'r.cell, sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, '
 'r.area_id, r.category_id, r.month, (((r.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), '
 'sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, '
 'r.month, r.weekday, r.hour, sum(r.n)::bigint FROM g_incidents_hourtally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_fineplacetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, r.cell, count(*) '
 'FROM new_rows r GROUP BY 1, 2, 3),\n'
 '    g_incidents_placetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, (((r.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), sum(r.n)::bigint FROM g_incidents_fineplacetally r GROUP BY '
 '1, 2, 3),\n'
 '    g_incidents_monthtally (owner_id, area_id, category_id, month, n) AS (SELECT r.owner_id, r.area_id, '
 'r.category_id, r.month, sum(r.n)::bigint FROM g_incidents_coarsecelltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_weekhourtally (owner_id, area_id, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, r.weekday, '
 'r.hour, sum(r.n)::bigint FROM g_incidents_monthhourtally r GROUP BY 1, 2, 3, 4),\n'
 '    w0 AS (INSERT INTO incidents_celltally (owner_id, area_id, category_id, month, cell, n) SELECT owner_id, '
 'area_id, category_id, month, cell, n FROM g_incidents_celltally ON CONFLICT (owner_id, COALESCE(area_id, 0), '
 'category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_celltally.n + excluded.n),\n'
 '    w1 AS (INSERT INTO incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) SELECT '
 'owner_id, area_id, category_id, month, weekday, hour, n FROM g_incidents_hourtally ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), category_id, month, weekday, hour) DO UPDATE SET n = incidents_hourtally.n + excluded.n),\n'
 '    w2 AS (INSERT INTO incidents_monthplacetally (owner_id, area_id, month, cell, n) SELECT owner_id, area_id, '
 'month, cell, n FROM g_incidents_monthplacetally ON CONFLICT (owner_id, COALESCE(area_id, 0), month, '
 'COALESCE(cell, 0)) DO UPDATE SET n = incidents_monthplacetally.n + excluded.n),\n'
 '    w3 AS (INSERT INTO incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 'owner_id, area_id, category_id, month, cell, n FROM g_incidents_coarsecelltally ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_coarsecelltally.n + '
 'excluded.n),\n'
 '    w4 AS (INSERT INTO incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) SELECT owner_id, '
 'area_id, month, weekday, hour, n FROM g_incidents_monthhourtally ON CONFLICT (owner_id, COALESCE(area_id, 0), '
 'month, weekday, hour) DO UPDATE SET n = incidents_monthhourtally.n + excluded.n),\n'
 '    w5 AS (INSERT INTO incidents_fineplacetally (owner_id, area_id, cell, n) SELECT owner_id, area_id, cell, n '
 'FROM g_incidents_fineplacetally ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n '
 '= incidents_fineplacetally.n + excluded.n),\n'
 '    w6 AS (INSERT INTO incidents_placetally (owner_id, area_id, cell, n) SELECT owner_id, area_id, cell, n FROM '
 'g_incidents_placetally ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_placetally.n + excluded.n),\n'
 '    w7 AS (INSERT INTO incidents_monthtally (owner_id, area_id, category_id, month, n) SELECT owner_id, area_id, '
 'category_id, month, n FROM g_incidents_monthtally ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, '
 'month) DO UPDATE SET n = incidents_monthtally.n + excluded.n)\n'
 '  INSERT INTO incidents_weekhourtally (owner_id, area_id, weekday, hour, n) SELECT owner_id, area_id, weekday, '
 'hour, n FROM g_incidents_weekhourtally ON CONFLICT (owner_id, COALESCE(area_id, 0), weekday, hour) DO UPDATE SET '
 'n = incidents_weekhourtally.n + excluded.n;\n'
 '  RETURN NULL;\n'
 'END\n'
 '$$',
 'DROP TRIGGER IF EXISTS incident_tallies_insert ON incidents_incident',
 'CREATE TRIGGER incident_tallies_insert AFTER INSERT ON incidents_incident REFERENCING NEW TABLE AS new_rows FOR '
 'EACH STATEMENT EXECUTE FUNCTION incident_tallies_insert()',
 'CREATE OR REPLACE FUNCTION incident_tallies_update() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 'BEGIN\n'
 '  WITH g_incidents_celltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, '
 "r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM (SELECT o.* FROM old_rows o JOIN new_rows w '
 'ON w.id = o.id WHERE o.owner_id IS DISTINCT FROM w.owner_id OR o.area_id IS DISTINCT FROM w.area_id OR '
 'o.category_id IS DISTINCT FROM w.category_id OR o.cell IS DISTINCT FROM w.cell OR o.occurred_from IS DISTINCT '
 'FROM w.occurred_from) r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) AS (SELECT r.owner_id, '
 "r.area_id, r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, "
 "extract(isodow from r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, extract(hour from "
 "r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, count(*) FROM (SELECT o.* FROM old_rows o JOIN "
 'new_rows w ON w.id = o.id WHERE o.owner_id IS DISTINCT FROM w.owner_id OR o.area_id IS DISTINCT FROM w.area_id '
 'OR o.category_id IS DISTINCT FROM w.category_id OR o.cell IS DISTINCT FROM w.cell OR o.occurred_from IS DISTINCT '
 'FROM w.occurred_from) r GROUP BY 1, 2, 3, 4, 5, 6),\n'
 '    g_incidents_monthplacetally (owner_id, area_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, r.month, '
 'r.cell, sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, '
 'r.area_id, r.category_id, r.month, (((r.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), '
 'sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, '
 'r.month, r.weekday, r.hour, sum(r.n)::bigint FROM g_incidents_hourtally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_fineplacetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, r.cell, count(*) '
 'FROM (SELECT o.* FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE o.owner_id IS DISTINCT FROM w.owner_id OR '
 'o.area_id IS DISTINCT FROM w.area_id OR o.category_id IS DISTINCT FROM w.category_id OR o.cell IS DISTINCT FROM '
 'w.cell OR o.occurred_from IS DISTINCT FROM w.occurred_from) r GROUP BY 1, 2, 3),\n'
 '    g_incidents_placetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, (((r.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), sum(r.n)::bigint FROM g_incidents_fineplacetally r GROUP BY '
 '1, 2, 3),\n'
 '    g_incidents_monthtally (owner_id, area_id, category_id, month, n) AS (SELECT r.owner_id, r.area_id, '
 'r.category_id, r.month, sum(r.n)::bigint FROM g_incidents_coarsecelltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_weekhourtally (owner_id, area_id, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, r.weekday, '
 'r.hour, sum(r.n)::bigint FROM g_incidents_monthhourtally r GROUP BY 1, 2, 3, 4),\n'
 '    w0 AS (DELETE FROM incidents_celltally t USING g_incidents_celltally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = g.month AND '
 'COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w1 AS (UPDATE incidents_celltally t SET n = t.n - g.n FROM g_incidents_celltally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w2 AS (DELETE FROM incidents_hourtally t USING g_incidents_hourtally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = g.month AND '
 't.weekday = g.weekday AND t.hour = g.hour AND t.n <= g.n),\n'
 '    w3 AS (UPDATE incidents_hourtally t SET n = t.n - g.n FROM g_incidents_hourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND t.weekday = g.weekday AND t.hour = g.hour AND t.n > g.n),\n'
 '    w4 AS (DELETE FROM incidents_monthplacetally t USING g_incidents_monthplacetally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND COALESCE(t.cell, 0) = '
 'COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w5 AS (UPDATE incidents_monthplacetally t SET n = t.n - g.n FROM g_incidents_monthplacetally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND '
 'COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w6 AS (DELETE FROM incidents_coarsecelltally t USING g_incidents_coarsecelltally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w7 AS (UPDATE incidents_coarsecelltally t SET n = t.n - g.n FROM g_incidents_coarsecelltally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id '
 'AND t.month = g.month AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w8 AS (DELETE FROM incidents_monthhourtally t USING g_incidents_monthhourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND t.weekday = g.weekday '
 'AND t.hour = g.hour AND t.n <= g.n),\n'
 '    w9 AS (UPDATE incidents_monthhourtally t SET n = t.n - g.n FROM g_incidents_monthhourtally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND t.weekday '
 '= g.weekday AND t.hour = g.hour AND t.n > g.n),\n'
 '    w10 AS (DELETE FROM incidents_fineplacetally t USING g_incidents_fineplacetally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND '
 't.n <= g.n),\n'
 '    w11 AS (UPDATE incidents_fineplacetally t SET n = t.n - g.n FROM g_incidents_fineplacetally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = '
 'COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w12 AS (DELETE FROM incidents_placetally t USING g_incidents_placetally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w13 AS (UPDATE incidents_placetally t SET n = t.n - g.n FROM g_incidents_placetally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND '
 't.n > g.n),\n'
 '    w14 AS (DELETE FROM incidents_monthtally t USING g_incidents_monthtally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = g.month AND t.n '
 '<= g.n),\n'
 '    w15 AS (UPDATE incidents_monthtally t SET n = t.n - g.n FROM g_incidents_monthtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND t.n > g.n),\n'
 '    w16 AS (DELETE FROM incidents_weekhourtally t USING g_incidents_weekhourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.weekday = g.weekday AND t.hour = g.hour AND '
 't.n <= g.n)\n'
 '  UPDATE incidents_weekhourtally t SET n = t.n - g.n FROM g_incidents_weekhourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.weekday = g.weekday AND t.hour = g.hour AND '
 't.n > g.n;\n'
 '  WITH g_incidents_celltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, '
 "r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM (SELECT w.* FROM old_rows o JOIN new_rows w '
 'ON w.id = o.id WHERE o.owner_id IS DISTINCT FROM w.owner_id OR o.area_id IS DISTINCT FROM w.area_id OR '
 'o.category_id IS DISTINCT FROM w.category_id OR o.cell IS DISTINCT FROM w.cell OR o.occurred_from IS DISTINCT '
 'FROM w.occurred_from) r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) AS (SELECT r.owner_id, '
 "r.area_id, r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, "
 "extract(isodow from r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, extract(hour from "
 "r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, count(*) FROM (SELECT w.* FROM old_rows o JOIN "
 'new_rows w ON w.id = o.id WHERE o.owner_id IS DISTINCT FROM w.owner_id OR o.area_id IS DISTINCT FROM w.area_id '
 'OR o.category_id IS DISTINCT FROM w.category_id OR o.cell IS DISTINCT FROM w.cell OR o.occurred_from IS DISTINCT '
 'FROM w.occurred_from) r GROUP BY 1, 2, 3, 4, 5, 6),\n'
 '    g_incidents_monthplacetally (owner_id, area_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, r.month, '
 'r.cell, sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, '
 'r.area_id, r.category_id, r.month, (((r.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), '
 'sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, '
 'r.month, r.weekday, r.hour, sum(r.n)::bigint FROM g_incidents_hourtally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_fineplacetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, r.cell, count(*) '
 'FROM (SELECT w.* FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE o.owner_id IS DISTINCT FROM w.owner_id OR '
 'o.area_id IS DISTINCT FROM w.area_id OR o.category_id IS DISTINCT FROM w.category_id OR o.cell IS DISTINCT FROM '
 'w.cell OR o.occurred_from IS DISTINCT FROM w.occurred_from) r GROUP BY 1, 2, 3),\n'
 '    g_incidents_placetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, (((r.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), sum(r.n)::bigint FROM g_incidents_fineplacetally r GROUP BY '
 '1, 2, 3),\n'
 '    g_incidents_monthtally (owner_id, area_id, category_id, month, n) AS (SELECT r.owner_id, r.area_id, '
 'r.category_id, r.month, sum(r.n)::bigint FROM g_incidents_coarsecelltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_weekhourtally (owner_id, area_id, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, r.weekday, '
 'r.hour, sum(r.n)::bigint FROM g_incidents_monthhourtally r GROUP BY 1, 2, 3, 4),\n'
 '    w0 AS (INSERT INTO incidents_celltally (owner_id, area_id, category_id, month, cell, n) SELECT owner_id, '
 'area_id, category_id, month, cell, n FROM g_incidents_celltally ON CONFLICT (owner_id, COALESCE(area_id, 0), '
 'category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_celltally.n + excluded.n),\n'
 '    w1 AS (INSERT INTO incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) SELECT '
 'owner_id, area_id, category_id, month, weekday, hour, n FROM g_incidents_hourtally ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), category_id, month, weekday, hour) DO UPDATE SET n = incidents_hourtally.n + excluded.n),\n'
 '    w2 AS (INSERT INTO incidents_monthplacetally (owner_id, area_id, month, cell, n) SELECT owner_id, area_id, '
 'month, cell, n FROM g_incidents_monthplacetally ON CONFLICT (owner_id, COALESCE(area_id, 0), month, '
 'COALESCE(cell, 0)) DO UPDATE SET n = incidents_monthplacetally.n + excluded.n),\n'
 '    w3 AS (INSERT INTO incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 'owner_id, area_id, category_id, month, cell, n FROM g_incidents_coarsecelltally ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_coarsecelltally.n + '
 'excluded.n),\n'
 '    w4 AS (INSERT INTO incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) SELECT owner_id, '
 'area_id, month, weekday, hour, n FROM g_incidents_monthhourtally ON CONFLICT (owner_id, COALESCE(area_id, 0), '
 'month, weekday, hour) DO UPDATE SET n = incidents_monthhourtally.n + excluded.n),\n'
 '    w5 AS (INSERT INTO incidents_fineplacetally (owner_id, area_id, cell, n) SELECT owner_id, area_id, cell, n '
 'FROM g_incidents_fineplacetally ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n '
 '= incidents_fineplacetally.n + excluded.n),\n'
 '    w6 AS (INSERT INTO incidents_placetally (owner_id, area_id, cell, n) SELECT owner_id, area_id, cell, n FROM '
 'g_incidents_placetally ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_placetally.n + excluded.n),\n'
 '    w7 AS (INSERT INTO incidents_monthtally (owner_id, area_id, category_id, month, n) SELECT owner_id, area_id, '
 'category_id, month, n FROM g_incidents_monthtally ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, '
 'month) DO UPDATE SET n = incidents_monthtally.n + excluded.n)\n'
 '  INSERT INTO incidents_weekhourtally (owner_id, area_id, weekday, hour, n) SELECT owner_id, area_id, weekday, '
 'hour, n FROM g_incidents_weekhourtally ON CONFLICT (owner_id, COALESCE(area_id, 0), weekday, hour) DO UPDATE SET '
 'n = incidents_weekhourtally.n + excluded.n;\n'
 '  RETURN NULL;\n'
 'END\n'
 '$$',
 'DROP TRIGGER IF EXISTS incident_tallies_update ON incidents_incident',
 'CREATE TRIGGER incident_tallies_update AFTER UPDATE ON incidents_incident REFERENCING OLD TABLE AS old_rows NEW '
 'TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_tallies_update()',
 'CREATE OR REPLACE FUNCTION incident_tallies_delete() RETURNS trigger LANGUAGE plpgsql AS $$\n'
 'BEGIN\n'
 '  WITH g_incidents_celltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, '
 "r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM old_rows r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) AS (SELECT r.owner_id, '
 "r.area_id, r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, "
 "extract(isodow from r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, extract(hour from "
 "r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, count(*) FROM old_rows r GROUP BY 1, 2, 3, 4, 5, "
 '6),\n'
 '    g_incidents_monthplacetally (owner_id, area_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, r.month, '
 'r.cell, sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, '
 'r.area_id, r.category_id, r.month, (((r.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), '
 'sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, '
 'r.month, r.weekday, r.hour, sum(r.n)::bigint FROM g_incidents_hourtally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_fineplacetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, r.cell, count(*) '
 'FROM old_rows r GROUP BY 1, 2, 3),\n'
 '    g_incidents_placetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, (((r.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), sum(r.n)::bigint FROM g_incidents_fineplacetally r GROUP BY '
 '1, 2, 3),\n'
 '    g_incidents_monthtally (owner_id, area_id, category_id, month, n) AS (SELECT r.owner_id, r.area_id, '
 'r.category_id, r.month, sum(r.n)::bigint FROM g_incidents_coarsecelltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_weekhourtally (owner_id, area_id, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, r.weekday, '
 'r.hour, sum(r.n)::bigint FROM g_incidents_monthhourtally r GROUP BY 1, 2, 3, 4),\n'
 '    w0 AS (DELETE FROM incidents_celltally t USING g_incidents_celltally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = g.month AND '
 'COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w1 AS (UPDATE incidents_celltally t SET n = t.n - g.n FROM g_incidents_celltally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w2 AS (DELETE FROM incidents_hourtally t USING g_incidents_hourtally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = g.month AND '
 't.weekday = g.weekday AND t.hour = g.hour AND t.n <= g.n),\n'
 '    w3 AS (UPDATE incidents_hourtally t SET n = t.n - g.n FROM g_incidents_hourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND t.weekday = g.weekday AND t.hour = g.hour AND t.n > g.n),\n'
 '    w4 AS (DELETE FROM incidents_monthplacetally t USING g_incidents_monthplacetally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND COALESCE(t.cell, 0) = '
 'COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w5 AS (UPDATE incidents_monthplacetally t SET n = t.n - g.n FROM g_incidents_monthplacetally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND '
 'COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w6 AS (DELETE FROM incidents_coarsecelltally t USING g_incidents_coarsecelltally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w7 AS (UPDATE incidents_coarsecelltally t SET n = t.n - g.n FROM g_incidents_coarsecelltally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id '
 'AND t.month = g.month AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w8 AS (DELETE FROM incidents_monthhourtally t USING g_incidents_monthhourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND t.weekday = g.weekday '
 'AND t.hour = g.hour AND t.n <= g.n),\n'
 '    w9 AS (UPDATE incidents_monthhourtally t SET n = t.n - g.n FROM g_incidents_monthhourtally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.month = g.month AND t.weekday '
 '= g.weekday AND t.hour = g.hour AND t.n > g.n),\n'
 '    w10 AS (DELETE FROM incidents_fineplacetally t USING g_incidents_fineplacetally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND '
 't.n <= g.n),\n'
 '    w11 AS (UPDATE incidents_fineplacetally t SET n = t.n - g.n FROM g_incidents_fineplacetally g WHERE '
 't.owner_id = g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = '
 'COALESCE(g.cell, 0) AND t.n > g.n),\n'
 '    w12 AS (DELETE FROM incidents_placetally t USING g_incidents_placetally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND t.n <= g.n),\n'
 '    w13 AS (UPDATE incidents_placetally t SET n = t.n - g.n FROM g_incidents_placetally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND COALESCE(t.cell, 0) = COALESCE(g.cell, 0) AND '
 't.n > g.n),\n'
 '    w14 AS (DELETE FROM incidents_monthtally t USING g_incidents_monthtally g WHERE t.owner_id = g.owner_id AND '
 'COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = g.month AND t.n '
 '<= g.n),\n'
 '    w15 AS (UPDATE incidents_monthtally t SET n = t.n - g.n FROM g_incidents_monthtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.category_id = g.category_id AND t.month = '
 'g.month AND t.n > g.n),\n'
 '    w16 AS (DELETE FROM incidents_weekhourtally t USING g_incidents_weekhourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.weekday = g.weekday AND t.hour = g.hour AND '
 't.n <= g.n)\n'
 '  UPDATE incidents_weekhourtally t SET n = t.n - g.n FROM g_incidents_weekhourtally g WHERE t.owner_id = '
 'g.owner_id AND COALESCE(t.area_id, 0) = COALESCE(g.area_id, 0) AND t.weekday = g.weekday AND t.hour = g.hour AND '
 't.n > g.n;\n'
 '  RETURN NULL;\n'
 'END\n'
 '$$',
 'DROP TRIGGER IF EXISTS incident_tallies_delete ON incidents_incident',
 'CREATE TRIGGER incident_tallies_delete AFTER DELETE ON incidents_incident REFERENCING OLD TABLE AS old_rows FOR '
 'EACH STATEMENT EXECUTE FUNCTION incident_tallies_delete()']

POSTGRESQL_REBUILD = ['DELETE FROM incidents_weekhourtally',
 'DELETE FROM incidents_monthtally',
 'DELETE FROM incidents_placetally',
 'DELETE FROM incidents_fineplacetally',
 'DELETE FROM incidents_monthhourtally',
 'DELETE FROM incidents_coarsecelltally',
 'DELETE FROM incidents_monthplacetally',
 'DELETE FROM incidents_hourtally',
 'DELETE FROM incidents_celltally',
 'WITH g_incidents_celltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, '
 "r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM incidents_incident r GROUP BY 1, 2, 3, 4, '
 '5),\n'
 '    g_incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) AS (SELECT r.owner_id, '
 "r.area_id, r.category_id, (date_trunc('month', r.occurred_from AT TIME ZONE 'Europe/Stockholm'))::date, "
 "extract(isodow from r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, extract(hour from "
 "r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint, count(*) FROM incidents_incident r GROUP BY 1, 2, 3, "
 '4, 5, 6),\n'
 '    g_incidents_monthplacetally (owner_id, area_id, month, cell, n) AS (SELECT r.owner_id, r.area_id, r.month, '
 'r.cell, sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) AS (SELECT r.owner_id, '
 'r.area_id, r.category_id, r.month, (((r.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), '
 'sum(r.n)::bigint FROM g_incidents_celltally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, '
 'r.month, r.weekday, r.hour, sum(r.n)::bigint FROM g_incidents_hourtally r GROUP BY 1, 2, 3, 4, 5),\n'
 '    g_incidents_fineplacetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, r.cell, count(*) '
 'FROM incidents_incident r GROUP BY 1, 2, 3),\n'
 '    g_incidents_placetally (owner_id, area_id, cell, n) AS (SELECT r.owner_id, r.area_id, (((r.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), sum(r.n)::bigint FROM g_incidents_fineplacetally r GROUP BY '
 '1, 2, 3),\n'
 '    g_incidents_monthtally (owner_id, area_id, category_id, month, n) AS (SELECT r.owner_id, r.area_id, '
 'r.category_id, r.month, sum(r.n)::bigint FROM g_incidents_coarsecelltally r GROUP BY 1, 2, 3, 4),\n'
 '    g_incidents_weekhourtally (owner_id, area_id, weekday, hour, n) AS (SELECT r.owner_id, r.area_id, r.weekday, '
 'r.hour, sum(r.n)::bigint FROM g_incidents_monthhourtally r GROUP BY 1, 2, 3, 4),\n'
 '    w0 AS (INSERT INTO incidents_celltally (owner_id, area_id, category_id, month, cell, n) SELECT owner_id, '
 'area_id, category_id, month, cell, n FROM g_incidents_celltally ON CONFLICT (owner_id, COALESCE(area_id, 0), '
 'category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_celltally.n + excluded.n),\n'
 '    w1 AS (INSERT INTO incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) SELECT '
 'owner_id, area_id, category_id, month, weekday, hour, n FROM g_incidents_hourtally ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), category_id, month, weekday, hour) DO UPDATE SET n = incidents_hourtally.n + excluded.n),\n'
 '    w2 AS (INSERT INTO incidents_monthplacetally (owner_id, area_id, month, cell, n) SELECT owner_id, area_id, '
 'month, cell, n FROM g_incidents_monthplacetally ON CONFLICT (owner_id, COALESCE(area_id, 0), month, '
 'COALESCE(cell, 0)) DO UPDATE SET n = incidents_monthplacetally.n + excluded.n),\n'
 '    w3 AS (INSERT INTO incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 'owner_id, area_id, category_id, month, cell, n FROM g_incidents_coarsecelltally ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_coarsecelltally.n + '
 'excluded.n),\n'
 '    w4 AS (INSERT INTO incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) SELECT owner_id, '
 'area_id, month, weekday, hour, n FROM g_incidents_monthhourtally ON CONFLICT (owner_id, COALESCE(area_id, 0), '
 'month, weekday, hour) DO UPDATE SET n = incidents_monthhourtally.n + excluded.n),\n'
 '    w5 AS (INSERT INTO incidents_fineplacetally (owner_id, area_id, cell, n) SELECT owner_id, area_id, cell, n '
 'FROM g_incidents_fineplacetally ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n '
 '= incidents_fineplacetally.n + excluded.n),\n'
 '    w6 AS (INSERT INTO incidents_placetally (owner_id, area_id, cell, n) SELECT owner_id, area_id, cell, n FROM '
 'g_incidents_placetally ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_placetally.n + excluded.n),\n'
 '    w7 AS (INSERT INTO incidents_monthtally (owner_id, area_id, category_id, month, n) SELECT owner_id, area_id, '
 'category_id, month, n FROM g_incidents_monthtally ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, '
 'month) DO UPDATE SET n = incidents_monthtally.n + excluded.n)\n'
 '  INSERT INTO incidents_weekhourtally (owner_id, area_id, weekday, hour, n) SELECT owner_id, area_id, weekday, '
 'hour, n FROM g_incidents_weekhourtally ON CONFLICT (owner_id, COALESCE(area_id, 0), weekday, hour) DO UPDATE SET '
 'n = incidents_weekhourtally.n + excluded.n']

SQLITE_INSTALL = ['DROP TRIGGER IF EXISTS incident_tallies_insert',
 'CREATE TRIGGER incident_tallies_insert AFTER INSERT ON incidents_incident FOR EACH ROW BEGIN INSERT INTO '
 'incidents_weekhourtally (owner_id, area_id, weekday, hour, n) SELECT NEW.owner_id, NEW.area_id, '
 "django_datetime_extract('iso_week_day', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), 1 WHERE true ON CONFLICT "
 '(owner_id, COALESCE(area_id, 0), weekday, hour) DO UPDATE SET n = incidents_weekhourtally.n + excluded.n; INSERT '
 'INTO incidents_monthtally (owner_id, area_id, category_id, month, n) SELECT NEW.owner_id, NEW.area_id, '
 "NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', 'UTC')), 1 WHERE "
 'true ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, month) DO UPDATE SET n = incidents_monthtally.n + '
 'excluded.n; INSERT INTO incidents_placetally (owner_id, area_id, cell, n) SELECT NEW.owner_id, NEW.area_id, '
 '(((NEW.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 1 WHERE true ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = incidents_placetally.n + excluded.n; INSERT INTO '
 'incidents_fineplacetally (owner_id, area_id, cell, n) SELECT NEW.owner_id, NEW.area_id, NEW.cell, 1 WHERE true '
 'ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = incidents_fineplacetally.n + '
 'excluded.n; INSERT INTO incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) SELECT '
 "NEW.owner_id, NEW.area_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', 'UTC')), "
 "django_datetime_extract('iso_week_day', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), 1 WHERE true ON CONFLICT "
 '(owner_id, COALESCE(area_id, 0), month, weekday, hour) DO UPDATE SET n = incidents_monthhourtally.n + '
 'excluded.n; INSERT INTO incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 "NEW.owner_id, NEW.area_id, NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, "
 "'Europe/Stockholm', 'UTC')), (((NEW.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), 1 WHERE true "
 'ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_coarsecelltally.n + excluded.n; INSERT INTO incidents_monthplacetally (owner_id, area_id, month, cell, '
 "n) SELECT NEW.owner_id, NEW.area_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', "
 "'UTC')), (((NEW.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 1 WHERE true ON CONFLICT (owner_id, "
 'COALESCE(area_id, 0), month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_monthplacetally.n + excluded.n; '
 'INSERT INTO incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) SELECT NEW.owner_id, '
 "NEW.area_id, NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', "
 "'UTC')), django_datetime_extract('iso_week_day', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), 1 WHERE true ON CONFLICT "
 '(owner_id, COALESCE(area_id, 0), category_id, month, weekday, hour) DO UPDATE SET n = incidents_hourtally.n + '
 'excluded.n; INSERT INTO incidents_celltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 "NEW.owner_id, NEW.area_id, NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, "
 "'Europe/Stockholm', 'UTC')), (((NEW.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 1 WHERE true ON "
 'CONFLICT (owner_id, COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_celltally.n + excluded.n; END',
 'DROP TRIGGER IF EXISTS incident_tallies_delete',
 'CREATE TRIGGER incident_tallies_delete AFTER DELETE ON incidents_incident FOR EACH ROW BEGIN UPDATE '
 'incidents_weekhourtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND weekday = django_datetime_extract('iso_week_day', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC'); DELETE FROM incidents_weekhourtally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = "
 "COALESCE(OLD.area_id, 0) AND weekday = django_datetime_extract('iso_week_day', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC') AND n <= 0; UPDATE incidents_monthtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, "
 "0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')); DELETE FROM incidents_monthtally WHERE owner_id = OLD.owner_id "
 'AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = '
 "date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND n <= 0; UPDATE "
 'incidents_placetally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 'COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | '
 '40532396646334464 | 262143), 0); DELETE FROM incidents_placetally WHERE owner_id = OLD.owner_id AND '
 'COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), 0) AND n <= 0; UPDATE incidents_fineplacetally SET n = n - '
 '1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = '
 'COALESCE(OLD.cell, 0); DELETE FROM incidents_fineplacetally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, '
 '0) = COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = COALESCE(OLD.cell, 0) AND n <= 0; UPDATE '
 'incidents_monthhourtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC')) AND weekday = django_datetime_extract('iso_week_day', OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND "
 "hour = django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', 'UTC'); DELETE FROM "
 'incidents_monthhourtally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND '
 "month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND weekday = "
 "django_datetime_extract('iso_week_day', OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND hour = "
 "django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND n <= 0; UPDATE "
 'incidents_coarsecelltally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & "
 '(-67553994410557441)) | 31525197391593472 | 16777215), 0); DELETE FROM incidents_coarsecelltally WHERE owner_id '
 '= OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = '
 "date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND COALESCE(cell, 0) = "
 'COALESCE((((OLD.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), 0) AND n <= 0; UPDATE '
 'incidents_monthplacetally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC')) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0); "
 'DELETE FROM incidents_monthplacetally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC')) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0) "
 'AND n <= 0; UPDATE incidents_hourtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND weekday = django_datetime_extract('iso_week_day', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC'); DELETE FROM incidents_hourtally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, "
 "0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND weekday = django_datetime_extract('iso_week_day', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC') AND n <= 0; UPDATE incidents_celltally SET n = n - 1 WHERE owner_id = OLD.owner_id "
 'AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = '
 "date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND COALESCE(cell, 0) = "
 'COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0); DELETE FROM incidents_celltally '
 'WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = '
 "OLD.category_id AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) "
 'AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0) AND n <= '
 '0; END',
 'DROP TRIGGER IF EXISTS incident_tallies_update',
 'CREATE TRIGGER incident_tallies_update AFTER UPDATE OF owner_id, area_id, category_id, cell, occurred_from ON '
 'incidents_incident FOR EACH ROW WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.area_id IS NOT NEW.area_id OR '
 'OLD.category_id IS NOT NEW.category_id OR OLD.cell IS NOT NEW.cell OR OLD.occurred_from IS NOT NEW.occurred_from '
 'BEGIN UPDATE incidents_weekhourtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND weekday = django_datetime_extract('iso_week_day', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC'); DELETE FROM incidents_weekhourtally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = "
 "COALESCE(OLD.area_id, 0) AND weekday = django_datetime_extract('iso_week_day', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC') AND n <= 0; UPDATE incidents_monthtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, "
 "0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')); DELETE FROM incidents_monthtally WHERE owner_id = OLD.owner_id "
 'AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = '
 "date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND n <= 0; UPDATE "
 'incidents_placetally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 'COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | '
 '40532396646334464 | 262143), 0); DELETE FROM incidents_placetally WHERE owner_id = OLD.owner_id AND '
 'COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), 0) AND n <= 0; UPDATE incidents_fineplacetally SET n = n - '
 '1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = '
 'COALESCE(OLD.cell, 0); DELETE FROM incidents_fineplacetally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, '
 '0) = COALESCE(OLD.area_id, 0) AND COALESCE(cell, 0) = COALESCE(OLD.cell, 0) AND n <= 0; UPDATE '
 'incidents_monthhourtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC')) AND weekday = django_datetime_extract('iso_week_day', OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND "
 "hour = django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', 'UTC'); DELETE FROM "
 'incidents_monthhourtally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND '
 "month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND weekday = "
 "django_datetime_extract('iso_week_day', OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND hour = "
 "django_datetime_extract('hour', OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND n <= 0; UPDATE "
 'incidents_coarsecelltally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & "
 '(-67553994410557441)) | 31525197391593472 | 16777215), 0); DELETE FROM incidents_coarsecelltally WHERE owner_id '
 '= OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = '
 "date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND COALESCE(cell, 0) = "
 'COALESCE((((OLD.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), 0) AND n <= 0; UPDATE '
 'incidents_monthplacetally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC')) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0); "
 'DELETE FROM incidents_monthplacetally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', "
 "'UTC')) AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0) "
 'AND n <= 0; UPDATE incidents_hourtally SET n = n - 1 WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = '
 "COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND weekday = django_datetime_extract('iso_week_day', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC'); DELETE FROM incidents_hourtally WHERE owner_id = OLD.owner_id AND COALESCE(area_id, "
 "0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = date(django_datetime_trunc('month', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND weekday = django_datetime_extract('iso_week_day', "
 "OLD.occurred_from, 'Europe/Stockholm', 'UTC') AND hour = django_datetime_extract('hour', OLD.occurred_from, "
 "'Europe/Stockholm', 'UTC') AND n <= 0; UPDATE incidents_celltally SET n = n - 1 WHERE owner_id = OLD.owner_id "
 'AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = OLD.category_id AND month = '
 "date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) AND COALESCE(cell, 0) = "
 'COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0); DELETE FROM incidents_celltally '
 'WHERE owner_id = OLD.owner_id AND COALESCE(area_id, 0) = COALESCE(OLD.area_id, 0) AND category_id = '
 "OLD.category_id AND month = date(django_datetime_trunc('month', OLD.occurred_from, 'Europe/Stockholm', 'UTC')) "
 'AND COALESCE(cell, 0) = COALESCE((((OLD.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 0) AND n <= '
 '0; INSERT INTO incidents_weekhourtally (owner_id, area_id, weekday, hour, n) SELECT NEW.owner_id, NEW.area_id, '
 "django_datetime_extract('iso_week_day', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), 1 WHERE true ON CONFLICT "
 '(owner_id, COALESCE(area_id, 0), weekday, hour) DO UPDATE SET n = incidents_weekhourtally.n + excluded.n; INSERT '
 'INTO incidents_monthtally (owner_id, area_id, category_id, month, n) SELECT NEW.owner_id, NEW.area_id, '
 "NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', 'UTC')), 1 WHERE "
 'true ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, month) DO UPDATE SET n = incidents_monthtally.n + '
 'excluded.n; INSERT INTO incidents_placetally (owner_id, area_id, cell, n) SELECT NEW.owner_id, NEW.area_id, '
 '(((NEW.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 1 WHERE true ON CONFLICT (owner_id, '
 'COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = incidents_placetally.n + excluded.n; INSERT INTO '
 'incidents_fineplacetally (owner_id, area_id, cell, n) SELECT NEW.owner_id, NEW.area_id, NEW.cell, 1 WHERE true '
 'ON CONFLICT (owner_id, COALESCE(area_id, 0), COALESCE(cell, 0)) DO UPDATE SET n = incidents_fineplacetally.n + '
 'excluded.n; INSERT INTO incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) SELECT '
 "NEW.owner_id, NEW.area_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', 'UTC')), "
 "django_datetime_extract('iso_week_day', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), 1 WHERE true ON CONFLICT "
 '(owner_id, COALESCE(area_id, 0), month, weekday, hour) DO UPDATE SET n = incidents_monthhourtally.n + '
 'excluded.n; INSERT INTO incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 "NEW.owner_id, NEW.area_id, NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, "
 "'Europe/Stockholm', 'UTC')), (((NEW.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), 1 WHERE true "
 'ON CONFLICT (owner_id, COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_coarsecelltally.n + excluded.n; INSERT INTO incidents_monthplacetally (owner_id, area_id, month, cell, '
 "n) SELECT NEW.owner_id, NEW.area_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', "
 "'UTC')), (((NEW.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 1 WHERE true ON CONFLICT (owner_id, "
 'COALESCE(area_id, 0), month, COALESCE(cell, 0)) DO UPDATE SET n = incidents_monthplacetally.n + excluded.n; '
 'INSERT INTO incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) SELECT NEW.owner_id, '
 "NEW.area_id, NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, 'Europe/Stockholm', "
 "'UTC')), django_datetime_extract('iso_week_day', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', NEW.occurred_from, 'Europe/Stockholm', 'UTC'), 1 WHERE true ON CONFLICT "
 '(owner_id, COALESCE(area_id, 0), category_id, month, weekday, hour) DO UPDATE SET n = incidents_hourtally.n + '
 'excluded.n; INSERT INTO incidents_celltally (owner_id, area_id, category_id, month, cell, n) SELECT '
 "NEW.owner_id, NEW.area_id, NEW.category_id, date(django_datetime_trunc('month', NEW.occurred_from, "
 "'Europe/Stockholm', 'UTC')), (((NEW.cell) & (-67553994410557441)) | 40532396646334464 | 262143), 1 WHERE true ON "
 'CONFLICT (owner_id, COALESCE(area_id, 0), category_id, month, COALESCE(cell, 0)) DO UPDATE SET n = '
 'incidents_celltally.n + excluded.n; END']

SQLITE_REBUILD = ['DELETE FROM incidents_weekhourtally',
 'DELETE FROM incidents_monthtally',
 'DELETE FROM incidents_placetally',
 'DELETE FROM incidents_fineplacetally',
 'DELETE FROM incidents_monthhourtally',
 'DELETE FROM incidents_coarsecelltally',
 'DELETE FROM incidents_monthplacetally',
 'DELETE FROM incidents_hourtally',
 'DELETE FROM incidents_celltally',
 'INSERT INTO incidents_weekhourtally (owner_id, area_id, weekday, hour, n) SELECT r.owner_id, r.area_id, '
 "django_datetime_extract('iso_week_day', r.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', r.occurred_from, 'Europe/Stockholm', 'UTC'), count(*) FROM incidents_incident r "
 'GROUP BY 1, 2, 3, 4',
 'INSERT INTO incidents_monthtally (owner_id, area_id, category_id, month, n) SELECT r.owner_id, r.area_id, '
 "r.category_id, date(django_datetime_trunc('month', r.occurred_from, 'Europe/Stockholm', 'UTC')), count(*) FROM "
 'incidents_incident r GROUP BY 1, 2, 3, 4',
 'INSERT INTO incidents_placetally (owner_id, area_id, cell, n) SELECT r.owner_id, r.area_id, (((r.cell) & '
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM incidents_incident r GROUP BY 1, 2, 3',
 'INSERT INTO incidents_fineplacetally (owner_id, area_id, cell, n) SELECT r.owner_id, r.area_id, r.cell, count(*) '
 'FROM incidents_incident r GROUP BY 1, 2, 3',
 'INSERT INTO incidents_monthhourtally (owner_id, area_id, month, weekday, hour, n) SELECT r.owner_id, r.area_id, '
 "date(django_datetime_trunc('month', r.occurred_from, 'Europe/Stockholm', 'UTC')), "
 "django_datetime_extract('iso_week_day', r.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', r.occurred_from, 'Europe/Stockholm', 'UTC'), count(*) FROM incidents_incident r "
 'GROUP BY 1, 2, 3, 4, 5',
 'INSERT INTO incidents_coarsecelltally (owner_id, area_id, category_id, month, cell, n) SELECT r.owner_id, '
 "r.area_id, r.category_id, date(django_datetime_trunc('month', r.occurred_from, 'Europe/Stockholm', 'UTC')), "
 '(((r.cell) & (-67553994410557441)) | 31525197391593472 | 16777215), count(*) FROM incidents_incident r GROUP BY '
 '1, 2, 3, 4, 5',
 'INSERT INTO incidents_monthplacetally (owner_id, area_id, month, cell, n) SELECT r.owner_id, r.area_id, '
 "date(django_datetime_trunc('month', r.occurred_from, 'Europe/Stockholm', 'UTC')), (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM incidents_incident r GROUP BY 1, 2, 3, 4',
 'INSERT INTO incidents_hourtally (owner_id, area_id, category_id, month, weekday, hour, n) SELECT r.owner_id, '
 "r.area_id, r.category_id, date(django_datetime_trunc('month', r.occurred_from, 'Europe/Stockholm', 'UTC')), "
 "django_datetime_extract('iso_week_day', r.occurred_from, 'Europe/Stockholm', 'UTC'), "
 "django_datetime_extract('hour', r.occurred_from, 'Europe/Stockholm', 'UTC'), count(*) FROM incidents_incident r "
 'GROUP BY 1, 2, 3, 4, 5, 6',
 'INSERT INTO incidents_celltally (owner_id, area_id, category_id, month, cell, n) SELECT r.owner_id, r.area_id, '
 "r.category_id, date(django_datetime_trunc('month', r.occurred_from, 'Europe/Stockholm', 'UTC')), (((r.cell) & "
 '(-67553994410557441)) | 40532396646334464 | 262143), count(*) FROM incidents_incident r GROUP BY 1, 2, 3, 4, 5']
