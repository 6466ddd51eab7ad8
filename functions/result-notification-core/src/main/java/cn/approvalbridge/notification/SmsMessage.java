package cn.approvalbridge.notification;

import java.util.Map;

/**
 * One message to hand to a provider. {@code values} holds the placeholder values the template uses, in placeholder
 * order; {@code attempt} counts from 1.
 */
public record SmsMessage(String notificationId, String event, String mobile, String signName, String text,
        Map<String, String> values, NotificationTemplate template, int attempt) {

    @Override
    public String toString() {
        // Never the raw number: records print themselves in logs and exceptions.
        return "SmsMessage[" + notificationId + " " + event + " to " + cn.approvalbridge.support.Mobile.mask(mobile) + "]";
    }
}
