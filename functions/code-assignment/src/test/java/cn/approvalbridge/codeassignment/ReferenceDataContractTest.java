package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.support.ProjectCode;
import cn.approvalbridge.support.StoreDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The shipped reference data as a partner sees it over HTTP (issue 13 item 7): department 04, the development zone
 * 320193 and today's new counties are assigned; a retired region is refused naming regionCode; an old code that
 * carries a retired region verifies. Every answer is HTTP 200 with the JSON body ({@link Http} insists on it).
 */
@QuarkusTest
class ReferenceDataContractTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @TestHTTPResource("/")
    URL url;

    @Inject
    StoreDataSource store;

    Http http() {
        return new Http(url.getPort());
    }

    @Test
    void departmentFourIsAssigned() {
        JsonNode r = http().assign("dept04-" + RUN, "410100", "04", "04");
        assertEquals("ASSIGNED", r.get("outcome").asText(), r.toString());
        assertEquals("-410100-04-04-", r.get("projectCode").asText().substring(4, 18));
        assertTrue(ProjectCode.isValid(r.get("projectCode").asText()));
    }

    @Test
    void theDevelopmentZone320193IsAssigned() {
        JsonNode r = http().assign("zone-" + RUN, "320193", "89", "01");
        assertEquals("ASSIGNED", r.get("outcome").asText(), r.toString());
        assertEquals("320193", r.get("projectCode").asText().substring(5, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = { "460302", "460303", "500157", "540481", "540581", "653228", "653229", "659012" })
    void theNewCountiesAreAssigned(String region) {
        JsonNode r = http().assign("county-" + region + "-" + RUN, region, "89", "01");
        assertEquals("ASSIGNED", r.get("outcome").asText(), r.toString());
        assertEquals(region, r.get("projectCode").asText().substring(5, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = { "330103", "500105" })
    void aRetiredRegionIsRejectedNamingRegionCodeAndNothingIsStored(String region) {
        String id = "retired-" + region + "-" + RUN;
        JsonNode r = http().assign(id, region, "89", "01");
        assertEquals("REJECTED", r.get("outcome").asText(), r.toString());
        assertTrue(r.get("projectCode").isNull());
        assertEquals(1, r.get("errors").size(), r.toString());
        assertEquals("regionCode", r.at("/errors/0/field").asText());
        assertEquals("unknown_region", r.at("/errors/0/code").asText());
        assertTrue(r.at("/errors/0/message").asText().contains("no longer offered for new project codes"), r.toString());
        assertEquals(List.of(), TestStore.codes(store, "declaration_id = ?", id));
    }

    /** Codes assigned while 330103 (下城区) and 500105 (江北区) were current still verify. */
    @ParameterizedTest
    @CsvSource({ "2021, 3, 330103, 89, 01, 12345", "2024, 11, 500105, 04, 02, 54321" })
    void anOldCodeWithARetiredRegionAndTheRightCheckDigitVerifies(int year, int month, String region,
            String department, String type, String serial) {
        String code = ProjectCode.compose(YearMonth.of(year, month), region, department, type, serial);
        JsonNode r = http().post("/verifyCode", "{\"projectCode\": \"" + code + "\"}");
        assertTrue(r.get("valid").asBoolean(), r.toString());
        assertEquals("GB/T 40058-2021", r.get("format").asText());
        assertEquals(region, r.at("/segments/regionCode").asText());
        assertEquals(0, r.get("errors").size());
    }
}
