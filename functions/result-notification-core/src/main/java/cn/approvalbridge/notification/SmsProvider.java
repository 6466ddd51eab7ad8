package cn.approvalbridge.notification;

/** One SMS gateway. Implementations throw {@link SmsProviderException} for anything but an accepted message. */
public interface SmsProvider {

    /** sandbox, aliyun or tencent: the name configuration and the ledger use. */
    String name();

    SmsSendResult send(SmsMessage message) throws SmsProviderException;

    /** The longest template variable, in characters, this provider accepts; 0 = no limit of its own. */
    default int maxVariableLength() {
        return 0;
    }
}
