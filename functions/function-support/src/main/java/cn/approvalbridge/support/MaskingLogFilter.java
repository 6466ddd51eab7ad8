package cn.approvalbridge.support;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Masks every mobile number and credit code in every log record, whoever wrote it (our code, Camel, a driver quoting a
 * failed statement): the message and the messages of its exception chain. Each application names it on every handler
 * ({@code quarkus.log.console.filter=pii-mask}, likewise file and syslog).
 */
@LoggingFilter(name = "pii-mask")
public final class MaskingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String masked = Masking.maskText(message);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(masked);
        }
        record.setParameters(null);
        if (record.getThrown() != null && holdsPersonalData(record.getThrown())) {
            record.setThrown(masked(record.getThrown(), 0));
        }
        return true;
    }

    /** Whether any message of the chain changes when masked (then, and only then, the exception is replaced). */
    private static boolean holdsPersonalData(Throwable t) {
        for (int depth = 0; t != null && depth <= 20; t = t.getCause(), depth++) {
            String text = t.toString();
            if (!text.equals(Masking.maskText(text))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable masked(Throwable t, int depth) {
        if (t == null || depth > 20 || t instanceof MaskedThrowable) {
            return t;
        }
        MaskedThrowable m = new MaskedThrowable(Masking.maskText(t.toString()), masked(t.getCause(), depth + 1));
        m.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            m.addSuppressed(masked(s, depth + 1));
        }
        return m;
    }

    /** An exception as it was (class, stack) but for its masked text. */
    static final class MaskedThrowable extends RuntimeException {
        private final String text;

        MaskedThrowable(String text, Throwable cause) {
            super(text, cause, true, true);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
