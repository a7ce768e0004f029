-- A 'posting' claim on a reminder occurrence is a lease (issue 18). A worker that stops
-- between the claim and the post leaves the lease to run out, and the next delivery run
-- claims the occurrence again (and first looks whether the post landed after all).
ALTER TABLE reminder_deliveries
  ADD COLUMN claimed_at timestamptz,
  ADD COLUMN lease_until timestamptz,
  -- How often the occurrence was claimed: above 1, a stuck claim was taken over.
  ADD COLUMN claims integer NOT NULL DEFAULT 1;

-- Claims made before leases existed get the lease they would have had (CLAIM_LEASE_MS in
-- src/reminders/service.ts), so one left stuck by a crash is repaired.
UPDATE reminder_deliveries
SET claimed_at = handled_at, lease_until = handled_at + interval '5 minutes'
WHERE status = 'posting';

ALTER TABLE reminder_deliveries
  ADD CONSTRAINT reminder_deliveries_posting_has_lease CHECK (status <> 'posting' OR lease_until IS NOT NULL);

-- The repair sweep looks for claims whose lease ran out.
CREATE INDEX reminder_deliveries_open_claims ON reminder_deliveries (lease_until) WHERE status = 'posting';
