package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.approvalbridge.codeassignment.AssignCodeResponse.Outcome;
import cn.approvalbridge.support.ProjectCode;

/** The service outside CDI, on an in-memory H2 database migrated with the module's own script. */
class CodeAssignmentServiceTest {

    /** Serials in the order given, then 0, 1, 2, … (a scripted "random" source). */
    static final class Scripted implements SerialSource {
        final Deque<Integer> next = new ArrayDeque<>();
        final int size;
        int counter;

        Scripted(int size, Integer... serials) {
            this.size = size;
            next.addAll(List.of(serials));
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public synchronized int nextInt(int bound) {
            Integer n = next.poll();
            return (n != null ? n : counter++) % bound;
        }
    }

    JdbcDataSource db;

    @BeforeEach
    void migrate() throws Exception {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("db/migration/code-assignment/V1_001__ca_assignment.sql");
                Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }

    CodeAssignmentService service(SerialSource serials, String instant) {
        return new CodeAssignmentService(ReferenceData.shipped(), () -> db, serials,
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void theMonthIsTheBeijingMonthAndTheTimeCarriesPlusEight() {
        // 16:30 UTC on 28 February is 00:30 on 1 March in Beijing: the code says 2603.
        AssignCodeResponse r = service(new Scripted(SerialSource.SERIALS, 34694), "2026-02-28T16:30:00.123456Z")
                .assign(new AssignCodeRequest("d1", "141124", "89", "05"));
        assertEquals(Outcome.ASSIGNED, r.outcome);
        assertEquals("2603-141124-89-05-346948", r.projectCode, "the check digit of the published real code");
        assertEquals("2026-03-01T00:30:00.123+08:00", r.assignedAt);
        assertEquals(List.of(), r.errors);
    }

    @Test
    void aTakenSerialIsDrawnAgain() {
        CodeAssignmentService s = service(new Scripted(SerialSource.SERIALS, 5, 5, 5, 7), "2026-03-05T02:00:00Z");
        AssignCodeResponse first = s.assign(new AssignCodeRequest("d1", "610113", "89", "01"));
        AssignCodeResponse second = s.assign(new AssignCodeRequest("d2", "610113", "89", "01"));
        assertEquals("00005", first.projectCode.substring(18, 23));
        assertEquals("00007", second.projectCode.substring(18, 23));
        assertTrue(ProjectCode.isValid(second.projectCode));
    }

    @Test
    void theSameSerialUnderAnotherPrefixIsNoCollision() {
        CodeAssignmentService s = service(new Scripted(SerialSource.SERIALS, 5, 5), "2026-03-05T02:00:00Z");
        assertEquals("00005", s.assign(new AssignCodeRequest("d1", "610113", "89", "01")).projectCode.substring(18, 23));
        assertEquals("00005", s.assign(new AssignCodeRequest("d2", "610113", "89", "05")).projectCode.substring(18, 23));
    }

    @Test
    void aFullPrefixIsRejectedButReplaysStillAnswer() {
        CodeAssignmentService s = service(new Scripted(3), "2026-03-05T02:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertEquals(Outcome.ASSIGNED, s.assign(new AssignCodeRequest("d" + i, "610113", "89", "01")).outcome);
        }
        AssignCodeResponse full = s.assign(new AssignCodeRequest("d3", "610113", "89", "01"));
        assertEquals(Outcome.REJECTED, full.outcome);
        assertNull(full.projectCode);
        assertEquals("projectCode", full.errors.get(0).field());
        assertEquals(ErrorCodes.PREFIX_EXHAUSTED, full.errors.get(0).code());
        assertEquals(Outcome.ALREADY_ASSIGNED, s.assign(new AssignCodeRequest("d1", "610113", "89", "01")).outcome);
        // Next month opens a new prefix.
        CodeAssignmentService april = service(new Scripted(3), "2026-04-01T02:00:00Z");
        assertEquals(Outcome.ASSIGNED, april.assign(new AssignCodeRequest("d3", "610113", "89", "01")).outcome);
    }

    @Test
    void replayKeepsTheFirstTimeAndConflictNamesTheCode() {
        AssignCodeResponse first = service(new Scripted(SerialSource.SERIALS), "2026-03-05T02:00:00Z")
                .assign(new AssignCodeRequest("d1", "610113", "89", "01"));
        CodeAssignmentService later = service(new Scripted(SerialSource.SERIALS), "2026-05-05T02:00:00Z");
        AssignCodeResponse replay = later.assign(new AssignCodeRequest("d1", "610113", "89", "01"));
        assertEquals(Outcome.ALREADY_ASSIGNED, replay.outcome);
        assertEquals(first.projectCode, replay.projectCode);
        assertEquals("2026-03-05T10:00:00.000+08:00", replay.assignedAt);
        AssignCodeResponse conflict = later.assign(new AssignCodeRequest("d1", "610113", "89", "05"));
        assertEquals(Outcome.REJECTED, conflict.outcome);
        assertEquals(ErrorCodes.DECLARATION_CONFLICT, conflict.errors.get(0).code());
        assertTrue(conflict.errors.get(0).message().contains(first.projectCode));
    }

    @Test
    void departmentFourAndTheDevelopmentZone320193AreAssigned() {
        CodeAssignmentService s = service(new Scripted(SerialSource.SERIALS, 11111, 22222), "2026-03-05T02:00:00Z");
        AssignCodeResponse four = s.assign(new AssignCodeRequest("dept-04", "410100", "04", "04"));
        assertEquals(Outcome.ASSIGNED, four.outcome, four.errors.toString());
        assertEquals("2603-410100-04-04-11111", four.projectCode.substring(0, 23));
        AssignCodeResponse zone = s.assign(new AssignCodeRequest("zone", "320193", "89", "01"));
        assertEquals(Outcome.ASSIGNED, zone.outcome, zone.errors.toString());
        assertEquals("2603-320193-89-01-22222", zone.projectCode.substring(0, 23));
        assertTrue(ProjectCode.isValid(four.projectCode) && ProjectCode.isValid(zone.projectCode));
    }

    @ParameterizedTest
    @ValueSource(strings = { "460302", "460303", "500157", "540481", "540581", "653228", "653229", "659012" })
    void theNewCountiesAreAssigned(String region) {
        AssignCodeResponse r = service(new Scripted(SerialSource.SERIALS), "2026-03-05T02:00:00Z")
                .assign(new AssignCodeRequest("county-" + region, region, "89", "01"));
        assertEquals(Outcome.ASSIGNED, r.outcome, r.errors.toString());
        assertEquals(region, r.projectCode.substring(5, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = { "330103", "500105", "130101" })
    void aRetiredRegionIsRejectedNamingRegionCodeAndNothingIsStored(String region) throws Exception {
        AssignCodeResponse r = service(new Scripted(SerialSource.SERIALS), "2026-03-05T02:00:00Z")
                .assign(new AssignCodeRequest("old-" + region, region, "89", "01"));
        assertEquals(Outcome.REJECTED, r.outcome);
        assertNull(r.projectCode);
        assertEquals(1, r.errors.size());
        assertEquals("regionCode", r.errors.get(0).field());
        assertEquals(ErrorCodes.UNKNOWN_REGION, r.errors.get(0).code());
        assertTrue(r.errors.get(0).message().contains("no longer offered for new project codes"), r.errors.get(0).message());
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                java.sql.ResultSet rows = st.executeQuery("SELECT COUNT(*) FROM ca_assignment")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
    }

    /** Codes assigned before their region was retired (330103 下城区 until 2021-04, 500105 江北区) still verify. */
    @ParameterizedTest
    @CsvSource({ "2103, 330103, 89, 01, 12345", "2411, 500105, 04, 02, 54321", "2105, 540422, 89, 05, 00007" })
    void anOldCodeWithARetiredRegionAndTheRightCheckDigitIsValid(String yymm, String region, String department,
            String type, String serial) {
        String code = ProjectCode.compose(java.time.YearMonth.of(2000 + Integer.parseInt(yymm.substring(0, 2)),
                Integer.parseInt(yymm.substring(2))), region, department, type, serial);
        CodeAssignmentService s = service(new Scripted(1), "2026-03-05T02:00:00Z");
        VerifyCodeResponse v = s.verify(new VerifyCodeRequest(code));
        assertTrue(v.valid, code + " " + v.errors);
        assertEquals("GB/T 40058-2021", v.format);
        assertEquals(region, v.segments.get("regionCode"));
        assertEquals(List.of(), v.errors);
        // One digit off and it is not valid: the check digit, not the region, decides.
        char last = code.charAt(code.length() - 1);
        String wrong = code.substring(0, code.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
        assertEquals("check_digit", s.verify(new VerifyCodeRequest(wrong)).errors.get(0).code());
    }

    @Test
    void verifyReportsTheFormAndSegments() {
        VerifyCodeResponse v = service(new Scripted(1), "2026-03-05T02:00:00Z").verify(new VerifyCodeRequest("2411-130202-89-01-637015"));
        assertTrue(v.valid);
        assertEquals("GB/T 40058-2021", v.format);
        assertEquals("637015".substring(0, 5), v.segments.get("serial"));
        VerifyCodeResponse none = service(new Scripted(1), "2026-03-05T02:00:00Z").verify(null);
        assertEquals("required", none.errors.get(0).code());
    }
}
