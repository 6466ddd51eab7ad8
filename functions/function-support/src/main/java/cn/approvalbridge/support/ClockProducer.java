package cn.approvalbridge.support;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/**
 * The one clock every service reads, so that tests can move time (a deadline of 3 working days is tested by moving
 * the clock, never by sleeping). Tests replace it with an {@code @Alternative} or {@code QuarkusMock}.
 */
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.system(ChinaTime.ZONE);
    }
}
