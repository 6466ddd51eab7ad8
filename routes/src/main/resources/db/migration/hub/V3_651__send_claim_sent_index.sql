-- The sweep of hub_send_claim (SendClaimSweep) deletes claims marked sent before the retention: by this index, not a
-- scan of every claim the hub ever made.
CREATE INDEX hub_send_claim_sent ON hub_send_claim (sent_at);
