-- A partner call is claimed before it is made (claim before send): two consumers holding copies of the same message,
-- or two messages for the same effect, cannot both call. holder is the delivery that claimed it; claimed_until lets a
-- claim left by a crashed hub be taken over; sent_at marks a call the partner took, after which no copy calls again.
CREATE TABLE hub_send_claim (
    partner        VARCHAR(64)  NOT NULL,
    claim_key      VARCHAR(200) NOT NULL,
    holder         VARCHAR(100) NOT NULL,
    claimed_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (partner, claim_key)
);
