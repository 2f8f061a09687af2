-- What an alert refers to (AlertRef): one row per link (kind 'href', key the page, pos its place
-- among the links) and per label value (kind 'label', key the value lower-cased without one
-- trailing dot: how names are compared, search/recent.ts nameKey). Object pages and entity pages
-- find their alerts by the (kind, key, alertId) index instead of LIKE on the JSON columns.
-- Triggers keep the rows: written by the statement that inserts the alert or changes its links or
-- labels (so in its transaction, whatever path wrote it); removed with the alert (cascade).
-- Malformed JSON (never written by the console) refers to nothing rather than failing the write.

-- CreateTable
CREATE TABLE "AlertRef" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "alertId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "pos" INTEGER NOT NULL,
    CONSTRAINT "AlertRef_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AlertRef_kind_key_alertId_idx" ON "AlertRef"("kind", "key", "alertId");

-- CreateIndex
CREATE INDEX "AlertRef_alertId_idx" ON "AlertRef"("alertId");


-- Existing alerts.
INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT a."id", 'href', json_extract(l.value, '$.href'), l.key
    FROM "Alert" AS a, json_each(CASE WHEN json_valid(a."links") AND json_type(a."links") = 'array' THEN a."links" ELSE '[]' END) AS l
    WHERE l.type = 'object' AND json_type(l.value, '$.href') = 'text';
INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT a."id", 'label',
      CASE WHEN substr(lower(CAST(l.value AS TEXT)), -1) = '.' THEN substr(lower(CAST(l.value AS TEXT)), 1, length(CAST(l.value AS TEXT)) - 1) ELSE lower(CAST(l.value AS TEXT)) END, 0
    FROM "Alert" AS a, json_each(CASE WHEN json_valid(a."labels") AND json_type(a."labels") = 'object' THEN a."labels" ELSE '{}' END) AS l
    WHERE l.type IN ('text', 'integer', 'real');

CREATE TRIGGER "Alert_refs_insert" AFTER INSERT ON "Alert"
BEGIN
  INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT NEW."id", 'href', json_extract(l.value, '$.href'), l.key
    FROM json_each(CASE WHEN json_valid(NEW."links") AND json_type(NEW."links") = 'array' THEN NEW."links" ELSE '[]' END) AS l
    WHERE l.type = 'object' AND json_type(l.value, '$.href') = 'text';
  INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT NEW."id", 'label',
      CASE WHEN substr(lower(CAST(l.value AS TEXT)), -1) = '.' THEN substr(lower(CAST(l.value AS TEXT)), 1, length(CAST(l.value AS TEXT)) - 1) ELSE lower(CAST(l.value AS TEXT)) END, 0
    FROM json_each(CASE WHEN json_valid(NEW."labels") AND json_type(NEW."labels") = 'object' THEN NEW."labels" ELSE '{}' END) AS l
    WHERE l.type IN ('text', 'integer', 'real');
END;

CREATE TRIGGER "Alert_refs_update" AFTER UPDATE OF "links", "labels" ON "Alert"
WHEN OLD."links" IS NOT NEW."links" OR OLD."labels" IS NOT NEW."labels"
BEGIN
  DELETE FROM "AlertRef" WHERE "alertId" = NEW."id";
  INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT NEW."id", 'href', json_extract(l.value, '$.href'), l.key
    FROM json_each(CASE WHEN json_valid(NEW."links") AND json_type(NEW."links") = 'array' THEN NEW."links" ELSE '[]' END) AS l
    WHERE l.type = 'object' AND json_type(l.value, '$.href') = 'text';
  INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT NEW."id", 'label',
      CASE WHEN substr(lower(CAST(l.value AS TEXT)), -1) = '.' THEN substr(lower(CAST(l.value AS TEXT)), 1, length(CAST(l.value AS TEXT)) - 1) ELSE lower(CAST(l.value AS TEXT)) END, 0
    FROM json_each(CASE WHEN json_valid(NEW."labels") AND json_type(NEW."labels") = 'object' THEN NEW."labels" ELSE '{}' END) AS l
    WHERE l.type IN ('text', 'integer', 'real');
END;
