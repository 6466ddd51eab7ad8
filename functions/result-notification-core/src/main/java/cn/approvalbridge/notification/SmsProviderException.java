package cn.approvalbridge.notification;

/** A provider did not accept a message. The message never contains a raw mobile number (it is logged). */
public class SmsProviderException extends Exception {

    private final String provider;
    private final String code;

    public SmsProviderException(String provider, String code, String message) {
        super(provider + " " + code + ": " + SmsText.scrub(message));
        this.provider = provider;
        this.code = code;
    }

    public String provider() {
        return provider;
    }

    public String code() {
        return code;
    }
}
