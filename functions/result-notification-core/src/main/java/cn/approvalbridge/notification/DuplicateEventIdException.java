package cn.approvalbridge.notification;

/** The ledger already holds this eventId: the unique constraint on event_id said so (a duplicate key). */
public class DuplicateEventIdException extends Exception {

    public DuplicateEventIdException(String eventId) {
        super("eventId already in the ledger: " + eventId);
    }
}
