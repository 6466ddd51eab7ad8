package cn.approvalbridge.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The providers in failover order (primary, then secondary), built from configuration at start-up. Incomplete
 * configuration stops the application with a message that names the fix; no secret is ever put in a message.
 */
@ApplicationScoped
public class SmsProviders {

    private static final Logger LOG = Logger.getLogger(SmsProviders.class);
    private static final List<String> KNOWN = List.of(SandboxSmsProvider.NAME, AliyunSmsProvider.NAME, TencentSmsProvider.NAME);

    @Inject
    NotificationConfig config;

    @Inject
    SandboxSmsProvider sandbox;

    @Inject
    TemplateCatalog templates;

    private volatile List<SmsProvider> chain;

    void onStart(@Observes StartupEvent event) {
        if (config.checkAtStart()) {
            chain();
        }
    }

    /** Primary first. */
    public List<SmsProvider> chain() {
        List<SmsProvider> result = chain;
        if (result == null) {
            synchronized (this) {
                if (chain == null) {
                    chain = build();
                }
                result = chain;
            }
        }
        return result;
    }

    private List<SmsProvider> build() {
        boolean cloud = ConfigUtils.getProfiles().contains("cloud");
        List<String> names = new ArrayList<>();
        names.add(normalise(config.providers().primary(), "result-notification.providers.primary", "SMS_PRIMARY_PROVIDER"));
        Optional<String> secondary = config.providers().secondary().map(String::trim).filter(s -> !s.isEmpty())
                .filter(s -> !s.equalsIgnoreCase("none"));
        secondary.ifPresent(s -> names.add(normalise(s, "result-notification.providers.secondary", "SMS_SECONDARY_PROVIDER")));
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw new IllegalStateException("result-notification: primary and secondary SMS provider are both " + names.get(0)
                    + ": name two different providers, or set the secondary (SMS_SECONDARY_PROVIDER) to none");
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (cloud && name.equals(SandboxSmsProvider.NAME)) {
                problems.add("the sandbox provider sends nothing and is not allowed under the cloud profile: set "
                        + "SMS_PRIMARY_PROVIDER (and SMS_SECONDARY_PROVIDER) to aliyun or tencent");
            }
            if (name.equals(AliyunSmsProvider.NAME)) {
                missing(problems, config.aliyun().accessKeyId(), "result-notification.aliyun.access-key-id", "ALIYUN_SMS_ACCESS_KEY_ID");
                missing(problems, config.aliyun().accessKeySecret(), "result-notification.aliyun.access-key-secret", "ALIYUN_SMS_ACCESS_KEY_SECRET");
                templateCodes(problems, name);
            }
            if (name.equals(TencentSmsProvider.NAME)) {
                missing(problems, config.tencent().secretId(), "result-notification.tencent.secret-id", "TENCENT_SMS_SECRET_ID");
                missing(problems, config.tencent().secretKey(), "result-notification.tencent.secret-key", "TENCENT_SMS_SECRET_KEY");
                missing(problems, config.tencent().sdkAppId(), "result-notification.tencent.sdk-app-id", "TENCENT_SMS_SDK_APP_ID");
                templateCodes(problems, name);
            }
        }
        if (config.signName().isBlank()) {
            problems.add("set result-notification.sign-name (env SMS_SIGN_NAME) to the signature approved at the provider");
        }
        if (config.retry().maxAttempts() < 2) {
            problems.add("result-notification.retry.max-attempts must be at least 2");
        }
        if (config.retry().inDoubtDelay().isNegative() || config.retry().inDoubtDelay().isZero()) {
            problems.add("result-notification.retry.in-doubt-delay must be positive (e.g. PT1M)");
        }
        if (config.retry().inDoubtHorizon().isNegative()) {
            problems.add("result-notification.retry.in-doubt-horizon must not be negative (PT0S: send again at once)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("result-notification SMS configuration is incomplete: " + String.join("; ", problems));
        }
        List<SmsProvider> built = new ArrayList<>();
        for (String name : names) {
            built.add(switch (name) {
                case AliyunSmsProvider.NAME -> new AliyunSmsProvider(config.aliyun());
                case TencentSmsProvider.NAME -> new TencentSmsProvider(config.tencent());
                default -> sandbox;
            });
        }
        LOG.infof("SMS providers in failover order: %s (endpoints: aliyun %s, tencent %s)", names,
                config.aliyun().endpoint(), config.tencent().endpoint());
        return List.copyOf(built);
    }

    private String normalise(String value, String key, String env) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(name)) {
            throw new IllegalStateException("result-notification: " + key + " is '" + value + "'; set it (env " + env
                    + " under the cloud profile) to one of aliyun, tencent" + (key.endsWith("secondary") ? ", none" : "")
                    + " (sandbox only outside the cloud profile)");
        }
        return name;
    }

    private static void missing(List<String> problems, Optional<String> value, String key, String env) {
        if (value.filter(v -> !v.isBlank()).isEmpty()) {
            problems.add("set " + env + " (" + key + ")");
        }
    }

    private void templateCodes(List<String> problems, String provider) {
        List<String> without = new ArrayList<>();
        templates.all().values().forEach(t -> {
            String code = provider.equals(AliyunSmsProvider.NAME) ? t.aliyunTemplateCode() : t.tencentTemplateId();
            if (code == null) {
                without.add(t.event());
            }
        });
        if (!without.isEmpty()) {
            problems.add("the " + provider + " provider needs its template code ("
                    + (provider.equals(AliyunSmsProvider.NAME) ? "aliyunTemplateCode" : "tencentTemplateId") + ") for "
                    + without + ": put them in a copy of notification-templates.json named by "
                    + "result-notification.templates.path (env SMS_TEMPLATES_PATH under the cloud profile)");
        }
    }
}
