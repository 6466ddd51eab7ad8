package cn.approvalbridge.hub;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * For the benchmarks: waits for the sandbox SMS provider's messages of one event. While the flow runs it reads a count
 * once a second ({@code /sandbox/sms/sent}): reading every number's messages each time, as it did before, was 200
 * requests a second on the hub it measures. Then it reads each number's messages once, to be sure of every one.
 */
final class SmsWatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SmsWatch() {
    }

    /** Until {@code count} {@code event} messages went out from {@code sinceEpochMs} on, or the deadline (nanoTime). */
    static void awaitCount(BenchTarget hub, String event, long sinceEpochMs, int count, long deadline)
            throws Exception {
        String since = OffsetDateTime.ofInstant(Instant.ofEpochMilli(sinceEpochMs), ZoneOffset.UTC).toString();
        while (System.nanoTime() < deadline && JSON.readTree(hub.get("/sandbox/sms/sent?event=" + event + "&since="
                + since, null).body()).path("count").asInt() < count) {
            Thread.sleep(1000);
        }
    }

    /**
     * How many of {@code mobiles} have their {@code event} message, checking every 2 s until all have or the deadline;
     * {@code lastSentEpochMs[0]} is raised to the newest of their send times.
     */
    static int awaitEach(BenchTarget hub, String event, Collection<String> mobiles, long[] lastSentEpochMs,
            long deadline) throws Exception {
        Set<String> pending = new HashSet<>(mobiles);
        while (true) {
            for (Iterator<String> it = pending.iterator(); it.hasNext();) {
                for (JsonNode m : JSON.readTree(hub.get("/sandbox/sms?mobile=" + it.next(), null).body())) {
                    if (event.equals(m.path("event").asText())) {
                        it.remove();
                        long at = OffsetDateTime.parse(m.path("sentAt").asText()).toInstant().toEpochMilli();
                        lastSentEpochMs[0] = Math.max(lastSentEpochMs[0], at);
                        break;
                    }
                }
            }
            if (pending.isEmpty() || System.nanoTime() >= deadline) {
                return mobiles.size() - pending.size();
            }
            Thread.sleep(2000);
        }
    }
}
