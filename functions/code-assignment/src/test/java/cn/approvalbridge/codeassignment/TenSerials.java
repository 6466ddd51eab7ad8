package cn.approvalbridge.codeassignment;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A serial source over ten serials (00000–00009), so a test fills a prefix with ten codes instead of 100000. Enabled
 * only by {@link PrefixExhaustionTest}'s profile (no @Priority: that would select it for every test).
 */
@Alternative
@ApplicationScoped
public class TenSerials implements SerialSource {

    @Override
    public int size() {
        return 10;
    }

    @Override
    public int nextInt(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
