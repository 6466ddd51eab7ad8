package cn.approvalbridge.hub.platform.security;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Failed attempts per client address (wrong passwords, wrong status-page tokens): after hub.logins.max-failures in
 * hub.logins.window-seconds, further failures from that address are answered 429 for window-seconds. Right
 * credentials are never refused, so an attacker cannot lock a partner out. The client address is the connection's,
 * or X-Forwarded-For's where quarkus.http.proxy.trusted-proxies names the proxy.
 */
@ApplicationScoped
public class LoginLimiter {

    @ConfigProperty(name = "hub.logins.max-failures", defaultValue = "10")
    int maxFailures;

    @ConfigProperty(name = "hub.logins.window-seconds", defaultValue = "60")
    int windowSeconds;

    @Inject
    MeterRegistry metrics;

    // wall time, not the hub's business clock (tests move that one)
    private final Clock clock = Clock.systemUTC();

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();

    /** Counts a failure; answers the seconds to wait (Retry-After) if the address is now limited, else 0. */
    public long failed(String address, String door) {
        metrics.counter("hub.logins.failed", "door", door).increment();
        long now = clock.millis();
        long window = windowSeconds * 1000L;
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - window) {
                times.pollFirst();
            }
            times.addLast(now);
            if (times.size() > maxFailures) {
                blockedUntil.merge(address, now + window, Math::max);
            }
        }
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast() <= now - window);
        }
        long until = blockedUntil.getOrDefault(address, 0L);
        if (until <= now) {
            blockedUntil.remove(address);
            return 0;
        }
        metrics.counter("hub.logins.limited", "door", door).increment();
        return Math.max(1, (until - now + 999) / 1000);
    }

    /** Seconds an address still has to wait, 0 if it is not limited. */
    public long retryAfter(String address) {
        long left = blockedUntil.getOrDefault(address, 0L) - clock.millis();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }
}
