package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.support.ProjectCode;
import cn.approvalbridge.support.StoreDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A prefix with no free codes left is a clear error: with a serial source of ten serials, 64 concurrent callers for
 * one prefix get exactly ten codes, all distinct, and REJECTED {@code prefix_exhausted} for the rest, nothing stored.
 * The test region 999901 comes from an additions file on disk (the operators' override path).
 */
@QuarkusTest
@TestProfile(PrefixExhaustionTest.TenSerialsProfile.class)
class PrefixExhaustionTest {

    public static class TenSerialsProfile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(TenSerials.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ReferenceData.REGION_ADDITIONS_KEY, "src/test/data/test-region-additions.tsv");
        }
    }

    static final String REGION = "999901";

    @TestHTTPResource("/")
    URL url;

    @Inject
    StoreDataSource store;

    @Test
    void aFullPrefixIsRejectedWithPrefixExhaustedAndNothingIsIssuedTwice() throws Exception {
        // The PostgreSQL test database outlives a run: start from an empty prefix (only this test uses region 999901).
        TestStore.delete(store, "region_code = ?", REGION);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Callable<JsonNode>> tasks = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String id = "exhaust-" + run + "-" + i;
            tasks.add(() -> new Http(url.getPort()).assign(id, REGION, "89", "05"));
        }
        List<JsonNode> answers = Http.concurrently(64, tasks);

        Set<String> codes = new HashSet<>();
        int rejected = 0;
        for (JsonNode r : answers) {
            if (r.get("outcome").asText().equals("ASSIGNED")) {
                String code = r.get("projectCode").asText();
                assertTrue(ProjectCode.isValid(code), code);
                assertTrue(codes.add(code), "issued twice: " + code);
                assertTrue(code.substring(18, 23).compareTo("00010") < 0, code);
            } else {
                assertEquals("REJECTED", r.get("outcome").asText(), r.toString());
                assertEquals(1, r.get("errors").size(), r.toString());
                assertEquals("projectCode", r.at("/errors/0/field").asText());
                assertEquals("prefix_exhausted", r.at("/errors/0/code").asText());
                assertTrue(r.at("/errors/0/message").asText().contains("-999901-89-05"), r.toString());
                rejected++;
            }
        }
        assertEquals(10, codes.size());
        assertEquals(54, rejected);
        assertEquals(10, TestStore.count(store, "region_code = ?", REGION));

        // A declaration that got one of the ten codes still replays; the prefix being full does not matter to it.
        JsonNode assigned = answers.stream().filter(r -> r.get("outcome").asText().equals("ASSIGNED")).findFirst().orElseThrow();
        JsonNode replay = new Http(url.getPort()).assign(assigned.get("declarationId").asText(), REGION, "89", "05");
        assertEquals("ALREADY_ASSIGNED", replay.get("outcome").asText(), replay.toString());
        assertEquals(assigned.get("projectCode").asText(), replay.get("projectCode").asText());
    }
}
