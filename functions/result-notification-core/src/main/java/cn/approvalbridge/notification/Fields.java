package cn.approvalbridge.notification;

/** Request fields as the functions read them. */
final class Fields {

    private Fields() {
    }

    /** {@code s} trimmed; null when absent or blank. */
    static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
