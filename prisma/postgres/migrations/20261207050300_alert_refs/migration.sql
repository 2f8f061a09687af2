-- What an alert refers to (AlertRef): one row per link (kind 'href', key the page, pos its place
-- among the links) and per label value (kind 'label', key the value lower-cased without one
-- trailing dot: how names are compared, search/recent.ts nameKey). Object pages and entity pages
-- find their alerts by the (kind, key, alertId) index instead of LIKE on the JSON columns.
-- A trigger keeps the rows: written by the statement that inserts the alert or changes its links
-- or labels (so in its transaction, whatever path wrote it); removed with the alert (cascade).
-- Malformed JSON (never written by the console) refers to nothing rather than failing the write,
-- as on SQLite.

-- CreateTable
CREATE TABLE "AlertRef" (
    "id" SERIAL NOT NULL,
    "alertId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "pos" INTEGER NOT NULL,

    CONSTRAINT "AlertRef_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertRef_kind_key_alertId_idx" ON "AlertRef"("kind", "key", "alertId");

-- CreateIndex
CREATE INDEX "AlertRef_alertId_idx" ON "AlertRef"("alertId");

-- AddForeignKey
ALTER TABLE "AlertRef" ADD CONSTRAINT "AlertRef_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- JSON text as jsonb, or `fallback` when it is not JSON.
CREATE FUNCTION "netops_jsonb_or"(t TEXT, fallback JSONB) RETURNS JSONB LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN t::jsonb;
EXCEPTION WHEN others THEN
  RETURN fallback;
END
$$;

-- The AlertRef rows of one alert.
CREATE FUNCTION "netops_alert_refs"(alert_id INTEGER, links TEXT, labels TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  l JSONB := "netops_jsonb_or"(links, '[]');
  b JSONB := "netops_jsonb_or"(labels, '{}');
BEGIN
  IF jsonb_typeof(l) = 'array' THEN
    INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
      SELECT alert_id, 'href', e.value->>'href', (e.ord - 1)::INTEGER
      FROM jsonb_array_elements(l) WITH ORDINALITY AS e(value, ord)
      WHERE jsonb_typeof(e.value->'href') = 'string';
  END IF;
  IF jsonb_typeof(b) = 'object' THEN
    INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
      SELECT alert_id, 'label',
        CASE WHEN right(lower(v.value #>> '{}'), 1) = '.' THEN left(lower(v.value #>> '{}'), -1) ELSE lower(v.value #>> '{}') END, 0
      FROM jsonb_each(b) AS v(key, value)
      WHERE jsonb_typeof(v.value) IN ('string', 'number');
  END IF;
END
$$;

CREATE FUNCTION "netops_alert_refs_trigger"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "AlertRef" WHERE "alertId" = NEW."id";
  END IF;
  PERFORM "netops_alert_refs"(NEW."id", NEW."links", NEW."labels");
  RETURN NULL;
END
$$;

-- Existing alerts.
SELECT "netops_alert_refs"("id", "links", "labels") FROM "Alert";

CREATE TRIGGER "Alert_refs_insert" AFTER INSERT ON "Alert"
  FOR EACH ROW EXECUTE FUNCTION "netops_alert_refs_trigger"();

CREATE TRIGGER "Alert_refs_update" AFTER UPDATE OF "links", "labels" ON "Alert"
  FOR EACH ROW WHEN (OLD."links" IS DISTINCT FROM NEW."links" OR OLD."labels" IS DISTINCT FROM NEW."labels")
  EXECUTE FUNCTION "netops_alert_refs_trigger"();
