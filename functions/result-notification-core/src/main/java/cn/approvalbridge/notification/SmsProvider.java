package cn.approvalbridge.notification;

/** One SMS gateway. Implementations throw {@link SmsProviderException} for anything but an accepted message. */
public interface SmsProvider {

    /** sandbox, aliyun or tencent: the name configuration and the ledger use. */
    String name();

    SmsSendResult send(SmsMessage message) throws SmsProviderException;

    /**
     * Did this provider accept a message carrying our {@code notificationId} (Aliyun OutId, Tencent SessionContext) for
     * {@code mobile} between {@code fromMs} and {@code toMs}? Asked before a send that was interrupted is made again.
     * Empty: no such message. Throws {@link SmsProviderException} when the provider cannot tell.
     */
    java.util.Optional<SmsSendResult> find(String notificationId, String mobile, long fromMs, long toMs)
            throws SmsProviderException;

    /** The longest template variable, in characters, this provider accepts; 0 = no limit of its own. */
    default int maxVariableLength() {
        return 0;
    }
}
