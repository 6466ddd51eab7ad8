package cn.approvalbridge.hub.platform.api;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import cn.approvalbridge.support.Masking;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/** Metric labels are masked like log lines: a label value never carries a mobile number or a credit code. */
@Singleton
public class MetricsMasking {

    @Produces
    @Singleton
    MeterFilter maskLabels() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.replaceTags(id.getTags().stream().map(t -> Tag.of(t.getKey(), Masking.maskText(t.getValue())))
                        .toList());
            }
        };
    }
}
