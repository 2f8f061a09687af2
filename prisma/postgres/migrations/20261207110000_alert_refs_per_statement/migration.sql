-- AlertRef kept per statement, not per row (migration 20261207050300_alert_refs wrote it per row):
-- a batch repeating a hundred alerts with new links (BGP ingest) ran the row trigger a hundred
-- times, each with two exception blocks (a subtransaction each) and three statements: 28 of the
-- UPDATE's 43 ms. Now one trigger call per statement reads the statement's rows (transition
-- tables) and writes their references with one INSERT; only when some row's JSON is malformed
-- (never written by the console) does it go back to the row-by-row function, which refers to
-- nothing for that row and column, as before. An update redoes what changed: the links' rows (kind
-- 'href') when the links changed, the labels' rows (kind 'label') when the labels changed.
-- The rows are the same as the row trigger's.

DROP TRIGGER "Alert_refs_insert" ON "Alert";
DROP TRIGGER "Alert_refs_update" ON "Alert";
DROP FUNCTION "netops_alert_refs_trigger"();

CREATE FUNCTION "netops_alert_refs_inserted"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
      WITH j AS MATERIALIZED (SELECT n."id", n."links"::jsonb AS l, n."labels"::jsonb AS b FROM new_rows AS n)
      SELECT j."id", 'href', e.value->>'href', (e.ord - 1)::INTEGER
        FROM j, jsonb_array_elements(CASE WHEN jsonb_typeof(j.l) = 'array' THEN j.l ELSE '[]' END) WITH ORDINALITY AS e(value, ord)
        WHERE jsonb_typeof(e.value->'href') = 'string'
      UNION ALL
      SELECT j."id", 'label',
          CASE WHEN right(lower(v.value #>> '{}'), 1) = '.' THEN left(lower(v.value #>> '{}'), -1) ELSE lower(v.value #>> '{}') END, 0
        FROM j, jsonb_each(CASE WHEN jsonb_typeof(j.b) = 'object' THEN j.b ELSE '{}' END) AS v(key, value)
        WHERE jsonb_typeof(v.value) IN ('string', 'number');
  EXCEPTION WHEN others THEN
    -- Malformed JSON in some row: row by row, each column on its own.
    PERFORM "netops_alert_refs"(n."id", n."links", n."labels") FROM new_rows AS n;
  END;
  RETURN NULL;
END
$$;

CREATE FUNCTION "netops_alert_refs_updated"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (acknowledge, resolve, a repeat's count) change neither.
  IF NOT EXISTS (
    SELECT 1 FROM new_rows AS n JOIN old_rows AS o ON o."id" = n."id"
    WHERE o."links" IS DISTINCT FROM n."links" OR o."labels" IS DISTINCT FROM n."labels"
  ) THEN
    RETURN NULL;
  END IF;
  DELETE FROM "AlertRef" AS r USING new_rows AS n, old_rows AS o
    WHERE o."id" = n."id" AND r."alertId" = n."id"
      AND ((r."kind" = 'href' AND o."links" IS DISTINCT FROM n."links")
        OR (r."kind" = 'label' AND o."labels" IS DISTINCT FROM n."labels"));
  BEGIN
    INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
      WITH j AS MATERIALIZED (
        SELECT n."id",
            CASE WHEN o."links" IS DISTINCT FROM n."links" THEN n."links"::jsonb END AS l,
            CASE WHEN o."labels" IS DISTINCT FROM n."labels" THEN n."labels"::jsonb END AS b
          FROM new_rows AS n JOIN old_rows AS o ON o."id" = n."id"
          WHERE o."links" IS DISTINCT FROM n."links" OR o."labels" IS DISTINCT FROM n."labels")
      SELECT j."id", 'href', e.value->>'href', (e.ord - 1)::INTEGER
        FROM j, jsonb_array_elements(CASE WHEN jsonb_typeof(j.l) = 'array' THEN j.l ELSE '[]' END) WITH ORDINALITY AS e(value, ord)
        WHERE jsonb_typeof(e.value->'href') = 'string'
      UNION ALL
      SELECT j."id", 'label',
          CASE WHEN right(lower(v.value #>> '{}'), 1) = '.' THEN left(lower(v.value #>> '{}'), -1) ELSE lower(v.value #>> '{}') END, 0
        FROM j, jsonb_each(CASE WHEN jsonb_typeof(j.b) = 'object' THEN j.b ELSE '{}' END) AS v(key, value)
        WHERE jsonb_typeof(v.value) IN ('string', 'number');
  EXCEPTION WHEN others THEN
    -- Malformed JSON in some row: row by row, each column on its own (NULL: unchanged, nothing).
    PERFORM "netops_alert_refs"(n."id",
        CASE WHEN o."links" IS DISTINCT FROM n."links" THEN n."links" END,
        CASE WHEN o."labels" IS DISTINCT FROM n."labels" THEN n."labels" END)
      FROM new_rows AS n JOIN old_rows AS o ON o."id" = n."id"
      WHERE o."links" IS DISTINCT FROM n."links" OR o."labels" IS DISTINCT FROM n."labels";
  END;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Alert_refs_insert" AFTER INSERT ON "Alert"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "netops_alert_refs_inserted"();

CREATE TRIGGER "Alert_refs_update" AFTER UPDATE ON "Alert"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "netops_alert_refs_updated"();
