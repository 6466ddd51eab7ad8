package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.support.ProjectCode;
import cn.approvalbridge.support.StoreDataSource;
import cn.approvalbridge.support.StoreSchema;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The code-assignment HTTP contract, as a partner sees it: every answer HTTP 200 with the JSON body. */
@QuarkusTest
class CodeAssignmentFunctionTest {

    /** Written here, read by {@link RestartKeepsAssignmentsTest} after Quarkus restarts the application. */
    static final Path RESTART_FIXTURE = Path.of("target", "restart-fixture.properties");

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/")
    URL url;

    @Inject
    StoreDataSource store;

    @Inject
    StoreSchema schema;

    Http http() {
        return new Http(url.getPort());
    }

    /** A start skips Flyway when the history holds every listed version: the list must name every migration file. */
    @Test
    void functionSchemaVersionsNamesEveryMigrationAndEachIsApplied() {
        assertEquals(Optional.empty(), schema.listMismatch());
    }

    @Test
    void assignsAValidCodeOfThisMonthAndStoresIt() throws IOException {
        String id = "YD-2026-" + RUN + "-1";
        JsonNode r = http().assign(id, "610113", "89", "01");

        assertEquals("ASSIGNED", r.get("outcome").asText(), r.toString());
        assertEquals(id, r.get("declarationId").asText());
        assertEquals(0, r.get("errors").size());
        String code = r.get("projectCode").asText();
        assertEquals(24, code.length());
        assertTrue(ProjectCode.isValid(code), code);
        YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        assertEquals(String.format("%02d%02d-610113-89-01-", month.getYear() % 100, month.getMonthValue()), code.substring(0, 18));
        String assignedAt = r.get("assignedAt").asText();
        assertTrue(assignedAt.endsWith("+08:00"), assignedAt);
        assertEquals(YearMonth.from(OffsetDateTime.parse(assignedAt)), month);
        assertEquals(List.of(code), TestStore.codes(store, "declaration_id = ?", id));

        Properties fixture = new Properties();
        fixture.setProperty("declarationId", id);
        fixture.setProperty("projectCode", code);
        fixture.setProperty("assignedAt", assignedAt);
        Files.createDirectories(RESTART_FIXTURE.getParent());
        try (OutputStream out = Files.newOutputStream(RESTART_FIXTURE)) {
            fixture.store(out, "assigned by CodeAssignmentFunctionTest, replayed by RestartKeepsAssignmentsTest");
        }
    }

    @Test
    void replayGivesTheSameCodeAndDifferentInputsConflict() {
        String id = "replay:" + RUN;
        JsonNode first = http().assign(id, "141124", "89", "05");
        assertEquals("ASSIGNED", first.get("outcome").asText(), first.toString());

        JsonNode again = http().assign(id, "141124", "89", "05");
        assertEquals("ALREADY_ASSIGNED", again.get("outcome").asText(), again.toString());
        assertEquals(first.get("projectCode").asText(), again.get("projectCode").asText());
        assertEquals(first.get("assignedAt").asText(), again.get("assignedAt").asText());

        JsonNode conflict = http().assign(id, "130202", "89", "05");
        assertEquals("REJECTED", conflict.get("outcome").asText(), conflict.toString());
        assertTrue(conflict.get("projectCode").isNull());
        assertEquals(1, conflict.get("errors").size());
        assertEquals("declarationId", conflict.at("/errors/0/field").asText());
        assertEquals("declaration_conflict", conflict.at("/errors/0/code").asText());
        assertTrue(conflict.at("/errors/0/message").asText().contains(first.get("projectCode").asText()));

        assertEquals(List.of(first.get("projectCode").asText()), TestStore.codes(store, "declaration_id = ?", id));
    }

    @Test
    void operatorsAdditionsAcceptNdrcCodesOutsideGbt2260() {
        JsonNode r = http().assign("ndrc-" + RUN, "310052", "89", "01");
        assertEquals("ASSIGNED", r.get("outcome").asText(), r.toString());
        assertEquals("310052", r.get("projectCode").asText().substring(5, 11));
    }

    /** {@code ~} stands for the run's own valid declarationId; {@code <null>} leaves the field out. */
    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3} → {4}")
    @CsvSource(delimiter = '|', nullValues = "<null>", value = {
            "<null>           | 610113  | 89  | 01  | declarationId:required",
            "''               | 610113  | 89  | 01  | declarationId:required",
            "LONG65           | 610113  | 89  | 01  | declarationId:too_long",
            "YD 2026 0001     | 610113  | 89  | 01  | declarationId:invalid_characters",
            "YD/2026/0001     | 610113  | 89  | 01  | declarationId:invalid_characters",
            "申报-0001         | 610113  | 89  | 01  | declarationId:invalid_characters",
            "~                | <null>  | 89  | 01  | regionCode:required",
            "~                | 61011   | 89  | 01  | regionCode:invalid_format",
            "~                | 6101130 | 89  | 01  | regionCode:invalid_format",
            "~                | 61O113  | 89  | 01  | regionCode:invalid_format",
            "~                | ６１０１１３ | 89  | 01  | regionCode:invalid_format",
            "~                | 999999  | 89  | 01  | regionCode:unknown_region",
            "~                | 610199  | 89  | 01  | regionCode:unknown_region",
            "~                | 610113  | ''  | 01  | departmentCode:required",
            "~                | 610113  | 8   | 01  | departmentCode:invalid_format",
            "~                | 610113  | 089 | 01  | departmentCode:invalid_format",
            "~                | 610113  | 00  | 01  | departmentCode:unknown_department",
            "~                | 610113  | 89  | <null> | projectTypeCode:required",
            "~                | 610113  | 89  | 1   | projectTypeCode:invalid_format",
            "~                | 610113  | 89  | 0A  | projectTypeCode:invalid_format",
            "~                | 610113  | 89  | 99  | projectTypeCode:unknown_project_type",
            "LONG65           | 61011   | 00  | 99  | declarationId:too_long regionCode:invalid_format departmentCode:unknown_department projectTypeCode:unknown_project_type",
            "<null>           | <null>  | <null> | <null> | declarationId:required regionCode:required departmentCode:required projectTypeCode:required",
            "~                | 999999  | 8   | 06  | regionCode:unknown_region departmentCode:invalid_format projectTypeCode:unknown_project_type",
    })
    void rejectsEveryInvalidFieldAtOnceAndStoresNothing(String id, String region, String department, String type,
            String expected) {
        String declarationId = id == null ? null
                : id.equals("~") ? "bad-" + UUID.randomUUID() : id.equals("LONG65") ? "L".repeat(65) : id;
        var body = Http.JSON.createObjectNode();
        putUnlessNull(body, "declarationId", declarationId);
        putUnlessNull(body, "regionCode", region);
        putUnlessNull(body, "departmentCode", department);
        putUnlessNull(body, "projectTypeCode", type);
        long before = TestStore.count(store, "");

        JsonNode r = http().post("/assignCode", body.toString());

        assertEquals("REJECTED", r.get("outcome").asText(), r.toString());
        assertTrue(r.get("projectCode").isNull());
        assertTrue(r.get("assignedAt").isNull());
        Set<String> actual = new TreeSet<>();
        for (JsonNode e : r.get("errors")) {
            assertFalse(e.get("message").asText().isBlank(), e.toString());
            actual.add(e.get("field").asText() + ":" + e.get("code").asText());
        }
        assertEquals(new TreeSet<>(List.of(expected.trim().split(" "))), actual, r.toString());
        assertEquals(before, TestStore.count(store, ""), "a rejected request stores nothing");
    }

    private static void putUnlessNull(com.fasterxml.jackson.databind.node.ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    @Test
    void anEmptyBodyIsRejectedFieldByField() {
        JsonNode r = http().post("/assignCode", "");
        assertEquals("REJECTED", r.get("outcome").asText(), r.toString());
        assertEquals(4, r.get("errors").size(), r.toString());
    }

    @Test
    void aBodyThatIsNotJsonIsStillAnsweredWithHttp200() {
        long before = TestStore.count(store, "");
        JsonNode r = http().post("/assignCode", "{\"declarationId\": \"x\", ");
        assertEquals("REJECTED", r.get("outcome").asText(), r.toString());
        assertEquals("body", r.at("/errors/0/field").asText());
        assertEquals("malformed_request", r.at("/errors/0/code").asText());

        JsonNode wrongType = http().post("/assignCode", "{\"declarationId\": {\"id\": 1}, \"regionCode\": \"610113\"}");
        assertEquals("REJECTED", wrongType.get("outcome").asText(), wrongType.toString());
        assertEquals("declarationId", wrongType.at("/errors/0/field").asText());
        assertEquals("malformed_request", wrongType.at("/errors/0/code").asText());

        JsonNode verify = http().post("/verifyCode", "not json");
        assertFalse(verify.get("valid").asBoolean());
        assertEquals("malformed_request", verify.at("/errors/0/code").asText());
        assertEquals(before, TestStore.count(store, ""));
    }

    @ParameterizedTest
    @CsvSource({
            "2603-141124-89-05-346948, 2026, 03, 141124, 89, 05, 34694, 8",
            "2411-130202-89-01-637015, 2024, 11, 130202, 89, 01, 63701, 5" })
    void theRealCodesVerify(String code, String year, String month, String region, String department, String type,
            String serial, String check) {
        JsonNode r = http().post("/verifyCode", "{\"projectCode\": \"" + code + "\"}");
        assertTrue(r.get("valid").asBoolean(), r.toString());
        assertEquals("GB/T 40058-2021", r.get("format").asText());
        assertEquals(0, r.get("errors").size());
        JsonNode s = r.get("segments");
        assertEquals(year, s.get("year").asText());
        assertEquals(month, s.get("month").asText());
        assertEquals(region, s.get("regionCode").asText());
        assertEquals(department, s.get("departmentCode").asText());
        assertEquals(type, s.get("projectTypeCode").asText());
        assertEquals(serial, s.get("serial").asText());
        assertEquals(check, s.get("checkDigit").asText());
    }

    @ParameterizedTest
    @CsvSource({
            "2603-141124-89-05-346947, check_digit",
            "2411-130202-89-01-637016, check_digit",
            "2603-141124-89-05-364948, check_digit",
            "2613-141124-89-05-346948, invalid_month",
            "2600-141124-89-05-346948, invalid_month",
            "2603-141124-89-05-34694, format",
            "2603141124890534694 8, format",
            "'', required" })
    void brokenCodesDoNotVerify(String code, String error) {
        JsonNode r = http().post("/verifyCode", Http.JSON.createObjectNode().put("projectCode", code).toString());
        assertFalse(r.get("valid").asBoolean(), r.toString());
        assertEquals(error, r.at("/errors/0/code").asText(), r.toString());
        assertEquals("projectCode", r.at("/errors/0/field").asText());
    }

    @Test
    void legacyCodesAreValidByShapeAndFlagged() {
        JsonNode r = http().post("/verifyCode", "{\"projectCode\": \"2020-451421-88-03-016343\"}");
        assertTrue(r.get("valid").asBoolean(), r.toString());
        assertEquals("legacy", r.get("format").asText());
        assertEquals("2020", r.at("/segments/year").asText());
        assertEquals("88", r.at("/segments/industryCode").asText());
    }

    @Test
    void everyAssignedCodeVerifies() {
        JsonNode assigned = http().assign("verify-" + RUN, "130202", "89", "01");
        JsonNode r = http().post("/verifyCode", "{\"projectCode\": \"" + assigned.get("projectCode").asText() + "\"}");
        assertTrue(r.get("valid").asBoolean(), r.toString());
        assertEquals("GB/T 40058-2021", r.get("format").asText());
    }

    /**
     * 64 callers at once, each asking for 16 codes of its own and racing the others for 8 shared declarations, all
     * under one prefix: no errors, one code per declaration, no code twice, every code valid.
     */
    @Test
    void sixtyFourConcurrentCallersGetOnlyDistinctValidCodes() throws Exception {
        int callers = 64;
        int ownPerCaller = 16;
        int shared = 8;
        String prefix = "conc-" + RUN + "-";
        List<Callable<List<String[]>>> tasks = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            tasks.add(() -> {
                Http client = http();
                List<String[]> answers = new ArrayList<>();
                for (int i = 0; i < ownPerCaller; i++) {
                    String id = prefix + caller + "-" + i;
                    answers.add(answer(id, client.assign(id, "610113", "89", "01")));
                    if (i % 2 == 0) {
                        String sharedId = prefix + "shared-" + ((caller + i) % shared);
                        answers.add(answer(sharedId, client.assign(sharedId, "610113", "89", "01")));
                    }
                }
                return answers;
            });
        }
        List<List<String[]>> results = Http.concurrently(callers, tasks);

        Map<String, String> codeById = new HashMap<>();
        Map<String, Integer> assignedCount = new HashMap<>();
        int answers = 0;
        for (List<String[]> perCaller : results) {
            for (String[] a : perCaller) {
                answers++;
                String id = a[0], outcome = a[1], code = a[2];
                assertTrue(outcome.equals("ASSIGNED") || outcome.equals("ALREADY_ASSIGNED"), id + " → " + a[3]);
                assertTrue(ProjectCode.isValid(code), code);
                String earlier = codeById.putIfAbsent(id, code);
                if (earlier != null) {
                    assertEquals(earlier, code, "one declaration, one code: " + id);
                }
                if (outcome.equals("ASSIGNED")) {
                    assignedCount.merge(id, 1, Integer::sum);
                }
            }
        }
        assertEquals(callers * ownPerCaller + callers * ownPerCaller / 2, answers);
        assertEquals(callers * ownPerCaller + shared, codeById.size());
        assertTrue(assignedCount.values().stream().allMatch(n -> n == 1), "each declaration ASSIGNED exactly once");
        assertEquals(codeById.size(), assignedCount.size());
        assertEquals(codeById.size(), new HashSet<>(codeById.values()).size(), "no code issued twice");
        assertEquals(codeById.size(), TestStore.count(store, "declaration_id LIKE ?", prefix + "%"));
        assertEquals(new TreeSet<>(codeById.values()),
                new TreeSet<>(TestStore.codes(store, "declaration_id LIKE ?", prefix + "%")));
        // The PostgreSQL test database outlives runs: give this month's prefix its serials back.
        TestStore.delete(store, "declaration_id LIKE ?", prefix + "%");
    }

    private static String[] answer(String id, JsonNode r) {
        return new String[] { id, r.get("outcome").asText(), r.path("projectCode").asText(), r.toString() };
    }
}
