package cn.approvalbridge.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class SmsTextAndTemplatesTest {

    @ParameterizedTest
    @CsvSource({ "1, 1", "70, 1", "71, 2", "134, 2", "135, 3", "500, 8" })
    void partsFollowThe70And67Rule(int length, int parts) {
        assertEquals(parts, SmsText.parts("审".repeat(length)));
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertEquals(9, SmsText.length("【投资项目审批】a"));
    }

    @Test
    void scrubMasksEveryNumberInFreeText() {
        assertEquals("send to 138****8000 failed, +86 139****0001 too; order 123456789012 kept",
                SmsText.scrub("send to 13800138000 failed, +86 13900000001 too; order 123456789012 kept"));
        assertEquals("isv.MOBILE_NUMBER_ILLEGAL 138****8000", SmsText.scrub("isv.MOBILE_NUMBER_ILLEGAL +8613800138000"));
    }

    @Test
    void placeholdersRenderAndOrder() {
        NotificationTemplate t = new NotificationTemplate("X", "项目{projectCode}的“{itemName}”{itemName}", null, null, List.of());
        assertEquals(List.of("projectCode", "itemName"), t.placeholders());
        assertEquals(List.of("projectCode", "itemName"), t.tencentOrder());
        assertEquals("项目A的“B$1”B$1", t.render(Map.of("projectCode", "A", "itemName", "B$1")));
    }

    @Test
    void theClasspathTemplatesCoverEveryEvent() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TemplateCatalog.CLASSPATH_FILE)) {
            Map<String, NotificationTemplate> all = new TemplateCatalog().parse(new ObjectMapper().readTree(in), "test");
            assertEquals(TemplateCatalog.EVENTS, all.keySet());
            all.values().forEach(t -> {
                assertFalse(t.placeholders().isEmpty(), t.event());
                assertTrue(t.placeholders().containsAll(t.tencentOrder()), t.event());
                assertTrue(t.placeholders().contains("projectCode") || t.placeholders().contains("projectName"), t.event());
            });
            assertEquals(List.of("projectName", "projectCode", "statusPage", "statusToken"),
                    all.get("CODE_ASSIGNED").placeholders());
            // the link's address is written out in the provider's template: never a variable, never in Tencent's order
            assertEquals(List.of("projectName", "projectCode", "statusToken"), all.get("CODE_ASSIGNED").variables());
            all.values().forEach(t -> assertFalse(t.tencentOrder().contains("statusPage"), t.event()));
        }
    }

    @Test
    void theLinksAddressInTencentsOrderIsRefusedWithTheFix() throws Exception {
        String json = "{\"templates\": {\"CODE_ASSIGNED\": {\"text\": \"{projectCode} {statusPage}/status/{projectCode}\","
                + " \"tencentParams\": [\"projectCode\", \"statusPage\"]}}}";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TemplateCatalog().parse(new ObjectMapper().readTree(json), "ops.json"));
        assertTrue(e.getMessage().contains("CODE_ASSIGNED: tencentParams names {statusPage}, which is written out"),
                e.getMessage());
    }

    @Test
    void aTemplatesFileMissingAnEventIsRefusedWithTheFix() throws Exception {
        String json = "{\"templates\": {\"CODE_ASSIGNED\": {\"text\": \"项目{projectCode}\", \"tencentParams\": [\"nope\"]}}}";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TemplateCatalog().parse(new ObjectMapper().readTree(json), "ops.json"));
        assertTrue(e.getMessage().contains("RESULTS_READY: no template"), e.getMessage());
        assertTrue(e.getMessage().contains("tencentParams names {nope}"), e.getMessage());
    }
}
