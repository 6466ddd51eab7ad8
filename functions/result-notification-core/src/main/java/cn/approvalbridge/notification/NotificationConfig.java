package cn.approvalbridge.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every key of the result-notification function (prefix {@code result-notification}). Unset keys take the embedded
 * defaults: the sandbox provider, the signature 投资项目审批, the classpath templates. The {@code cloud} profile fills
 * them from environment variables (see the deployable's application.properties and README).
 */
@ConfigMapping(prefix = "result-notification")
public interface NotificationConfig {

    /** The SMS signature without brackets; the text starts 【signName】. Must be the one approved at the provider. */
    @WithDefault("投资项目审批")
    String signName();

    /**
     * Build and check the providers at start-up (fail fast with the fix). An application that embeds this core but
     * does not send SMS in-process (the hub calling the functions on Lambda) sets it false, and flush.every=off.
     */
    @WithDefault("true")
    boolean checkAtStart();

    Templates templates();

    Providers providers();

    Limits limits();

    QuietHours quietHours();

    Retry retry();

    Flush flush();

    Aliyun aliyun();

    Tencent tencent();

    interface Templates {
        /** A JSON file on the filesystem replacing the classpath default notification-templates.json. */
        Optional<String> path();
    }

    interface Providers {
        /** sandbox, aliyun or tencent. */
        @WithDefault("sandbox")
        String primary();

        /** Tried when the primary fails with a provider error: aliyun, tencent, sandbox, or none. */
        Optional<String> secondary();
    }

    interface Limits {
        /** The same event for the same project to the same number at most once per this interval. */
        @WithDefault("PT30S")
        Duration sameEventInterval();

        /** Messages per number per Beijing-time day. */
        @WithDefault("10")
        int dailyPerNumber();
    }

    interface QuietHours {
        /** Beijing time; start == end switches quiet hours off. */
        @WithDefault("22:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();
    }

    interface Retry {
        /** Delay after the first all-providers failure; doubles per attempt up to maxDelay. */
        @WithDefault("PT1M")
        Duration initialDelay();

        @WithDefault("PT1H")
        Duration maxDelay();

        /** Attempts before a notification is given up as FAILED (at least 2). */
        @WithDefault("12")
        int maxAttempts();

        /** Within one attempt: how often a provider is asked again after a transient error before failing over. */
        @WithDefault("2")
        int providerRetries();

        /** The pause before the first of those retries; it doubles for each next one. */
        @WithDefault("PT0.5S")
        Duration providerDelay();

        /**
         * How long a send in progress is trusted: a notification still ACCEPTED after this (the process died while
         * sending) is picked up again by flushDeferred, so nothing is forgotten.
         */
        @WithDefault("PT5M")
        Duration lease();

        /**
         * A send whose lease ended before it was recorded SENT or failed is in doubt: the providers are asked whether
         * they accepted it. While they cannot tell, it is asked again this much later.
         */
        @WithDefault("PT1M")
        Duration inDoubtDelay();

        /**
         * How long after the interrupted send the providers are asked while they cannot tell; after it the message is
         * sent again (a possible duplicate rather than no SMS at all).
         */
        @WithDefault("PT30M")
        Duration inDoubtHorizon();
    }

    interface Flush {
        /** Interval of the internal flushDeferred scheduler ("30s", "5m"); "off" disables it. Never runs on Lambda. */
        @WithDefault("30s")
        String every();

        /** Notifications one flushDeferred pass handles at most. */
        @WithDefault("100")
        int batchSize();
    }

    interface Aliyun {
        Optional<String> accessKeyId();

        Optional<String> accessKeySecret();

        @WithDefault("dysmsapi.aliyuncs.com")
        String endpoint();

        /** HTTPS in production; HTTP only for a local fake. */
        @WithDefault("HTTPS")
        String protocol();

        @WithDefault("5000")
        int connectTimeoutMs();

        @WithDefault("10000")
        int readTimeoutMs();

        /**
         * The longest template variable Alibaba Cloud accepts: 35 characters by default (isv.PARAM_LENGTH_LIMIT over
         * it); an account whose limit was lifted on application sets more, 0 = no cut.
         */
        @WithDefault("35")
        int maxVariableLength();
    }

    interface Tencent {
        Optional<String> secretId();

        Optional<String> secretKey();

        Optional<String> sdkAppId();

        @WithDefault("ap-guangzhou")
        String region();

        @WithDefault("sms.tencentcloudapi.com")
        String endpoint();

        /** "https://" in production; "http://" only for a local fake. */
        @WithDefault("https://")
        String protocol();

        @WithDefault("5")
        int connectTimeoutSeconds();

        @WithDefault("10")
        int readTimeoutSeconds();

        /**
         * The longest template variable Tencent Cloud accepts: no limit for an enterprise-verified account (which an
         * organisation's signature needs), 12 characters for an individually verified one
         * (InvalidParameterValue.TemplateParameterLengthLimit over it). 0 = no cut.
         */
        @WithDefault("0")
        int maxVariableLength();
    }
}
