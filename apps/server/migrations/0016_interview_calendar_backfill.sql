-- Interviews confirmed before calendar_sequence existed already issued their calendar (SEQUENCE 0).
UPDATE "interviews" SET "calendar_sequence" = 0 WHERE "calendar_sequence" IS NULL AND "status" IN ('confirmed', 'done');
