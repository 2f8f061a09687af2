-- AlertRef on update: redo only what changed (migration 20261207050300_alert_refs redid every row
-- of the alert when either column changed). The links' rows (kind 'href') follow the links, the
-- labels' rows (kind 'label') the labels: a batch repeating a hundred alerts with new links (BGP
-- ingest) no longer deletes and re-inserts their unchanged labels' rows (about half the trigger's
-- time). The rows are the same as before. (PostgreSQL's twin also moves to statement triggers.)

DROP TRIGGER "Alert_refs_update";

CREATE TRIGGER "Alert_refs_update_links" AFTER UPDATE OF "links" ON "Alert"
WHEN OLD."links" IS NOT NEW."links"
BEGIN
  DELETE FROM "AlertRef" WHERE "alertId" = NEW."id" AND "kind" = 'href';
  INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT NEW."id", 'href', json_extract(l.value, '$.href'), l.key
    FROM json_each(CASE WHEN json_valid(NEW."links") AND json_type(NEW."links") = 'array' THEN NEW."links" ELSE '[]' END) AS l
    WHERE l.type = 'object' AND json_type(l.value, '$.href') = 'text';
END;

CREATE TRIGGER "Alert_refs_update_labels" AFTER UPDATE OF "labels" ON "Alert"
WHEN OLD."labels" IS NOT NEW."labels"
BEGIN
  DELETE FROM "AlertRef" WHERE "alertId" = NEW."id" AND "kind" = 'label';
  INSERT INTO "AlertRef" ("alertId", "kind", "key", "pos")
    SELECT NEW."id", 'label',
      CASE WHEN substr(lower(CAST(l.value AS TEXT)), -1) = '.' THEN substr(lower(CAST(l.value AS TEXT)), 1, length(CAST(l.value AS TEXT)) - 1) ELSE lower(CAST(l.value AS TEXT)) END, 0
    FROM json_each(CASE WHEN json_valid(NEW."labels") AND json_type(NEW."labels") = 'object' THEN NEW."labels" ELSE '{}' END) AS l
    WHERE l.type IN ('text', 'integer', 'real');
END;
