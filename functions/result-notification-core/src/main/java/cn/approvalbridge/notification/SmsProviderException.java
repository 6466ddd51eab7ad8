package cn.approvalbridge.notification;

/**
 * A provider did not accept a message, and what that means for it ({@link ProviderErrors.Kind}). The message never
 * contains a raw mobile number (it is logged).
 */
public class SmsProviderException extends Exception {

    private final String provider;
    private final String code;
    private final ProviderErrors.Classified classified;

    /** A transient failure: retried, then failed over. */
    public SmsProviderException(String provider, String code, String message) {
        this(provider, code, message, ProviderErrors.Classified.TRANSIENT);
    }

    public SmsProviderException(String provider, String code, String message, ProviderErrors.Classified classified) {
        super(provider + " " + code + ": " + SmsText.scrub(message));
        this.provider = provider;
        this.code = code;
        this.classified = classified;
    }

    public String provider() {
        return provider;
    }

    public String code() {
        return code;
    }

    public ProviderErrors.Kind kind() {
        return classified.kind();
    }

    /** For {@link ProviderErrors.Kind#NUMBER_LIMIT}: the provider's window to wait for. */
    public ProviderErrors.Window window() {
        return classified.window();
    }
}
