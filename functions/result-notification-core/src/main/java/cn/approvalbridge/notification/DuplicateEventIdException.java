package cn.approvalbridge.notification;

/** The ledger already holds this eventId (the unique constraint said so: SQLState 23505). */
public class DuplicateEventIdException extends Exception {

    public DuplicateEventIdException(String eventId) {
        super("eventId already in the ledger: " + eventId);
    }
}
