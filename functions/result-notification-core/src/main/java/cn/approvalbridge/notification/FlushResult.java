package cn.approvalbridge.notification;

/** What one flushDeferred pass did with the notifications that had come due. */
public class FlushResult {

    public int due;
    public int sent;
    public int deferred;
    public int failed;

    public FlushResult() {
    }

    @Override
    public String toString() {
        return "due=" + due + " sent=" + sent + " deferred=" + deferred + " failed=" + failed;
    }
}
