-- CreateIndex
CREATE INDEX "AuditEntry_target_idx" ON "AuditEntry"("target");

-- CreateIndex
CREATE INDEX "AlertEvent_at_idx" ON "AlertEvent"("at");

