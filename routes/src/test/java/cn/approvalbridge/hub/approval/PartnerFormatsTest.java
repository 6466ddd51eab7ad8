package cn.approvalbridge.hub.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.approval.ApprovalRecords.ApprovalRecord;
import cn.approvalbridge.hub.approval.ApprovalRecords.Document;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemAccepted;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEvent;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEventType;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemListRequested;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemReceived;
import cn.approvalbridge.hub.approval.ApprovalRecords.MaterialsToReview;
import cn.approvalbridge.hub.approval.ApprovalRecords.PrerequisiteDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.ProjectCoded;
import cn.approvalbridge.hub.approval.ApprovalRecords.Unit;
import cn.approvalbridge.hub.partners.department.ApprovalMessages;
import cn.approvalbridge.hub.partners.investmentplatform.PlatformResults;
import cn.approvalbridge.hub.partners.projectapproval.StagingRows;
import cn.approvalbridge.hub.platform.directory.Departments;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The approval flow's records, as they travel on the queues, become at each partner exactly the staging rows, department
 * messages and platform results the partners take (the rows' JSON also keys their trail entries: it must not drift).
 */
@QuarkusTest
class PartnerFormatsTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    @Inject
    ApprovalFlow flow;
    @Inject
    StagingRows staging;
    @Inject
    Departments directory;
    @Inject
    ApprovalMessages departments;
    @Inject
    PlatformResults platform;
    @Inject
    CamelContext camel;

    private List<String> rows(ApprovalRecord r) {
        return staging.rows(flow.text(r));
    }

    private String toDepartment(ApprovalRecord r) {
        return departments.toDepartment(flow.text(r), new DefaultExchange(camel));
    }

    private static ItemDecided decided(String decidedBy) {
        return new ItemDecided("P1", "ZRZY-01", "建设用地规划许可证核发", "ZRZY", "DISAPPROVED", null,
                LocalDate.of(2026, 3, 4), "用地性质不符", decidedBy, OffsetDateTime.of(2026, 3, 4, 16, 5, 1, 500_000_000, BEIJING));
    }

    /** "table: column=value, ..." of each row (the exchange standard's columns, in the order written). */
    private List<String> tables(List<String> rows) {
        return rows.stream().map(r -> {
            try {
                JsonNode n = JSON.readTree(r);
                return n.path("table").asText() + ": " + n.path("columns").toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void aCodedProjectBecomesItsProjectAndUnitRows() {
        // issue 13: integer codes (LXLX 2 核准, JSXZ 1 新建), full dates, SBSJ, GCDM and DFSJZJ; the project's own
        // region in JSDDXZQH (XZQHDM, the reporting city's, is the writer's); no personal contact data in the unit row
        assertEquals(List.of("SPGL_XMJBXXB: {\"DFSJZJ\":\"AB-XM-P1\",\"XMDM\":\"P1\",\"GCDM\":\"P1-001\","
                + "\"GCFW\":\"物流园\",\"XMMC\":\"物流园\",\"SPLCLX\":2,\"LXLX\":2,\"JSXZ\":1,\"NKGSJ\":\"2026-04-01\","
                + "\"NJCSJ\":\"2027-02-28\",\"ZTZE\":12000.5,\"JSDDXZQH\":\"141002\",\"JSDD\":\"屯里镇\","
                + "\"JSGMJNR\":\"仓储\",\"SBSJ\":\"2026-03-02T00:00\",\"SPLCBM\":\"141000-SPLC-01\",\"SPLCBBH\":1}",
                "SPGL_XMDWXXB: {\"DFSJZJ\":\"AB-DW-P1-91350100M000100Y43\",\"XMDM\":\"P1\",\"GCDM\":\"P1-001\","
                        + "\"DWTYSHXYDM\":\"91350100M000100Y43\",\"DWMC\":\"物流公司\",\"DWLX\":1}"),
                tables(rows(new ProjectCoded("P1", "141002", "物流园", BigDecimal.valueOf(12000.5), "屯里镇", "VERIFICATION",
                        "NEW", "2026-04", "2027-02", "仓储", LocalDate.of(2026, 3, 2),
                        new Unit("91350100M000100Y43", "物流公司", "张三", "13800138000")))));
        String filing = rows(new ProjectCoded("P1", "141002", "x", BigDecimal.valueOf(5000L), "s", "FILING", "RELOCATION",
                "2026-01", "2026-12", "c", LocalDate.of(2026, 3, 2), new Unit("c", "n", "m", "t"))).get(0);
        assertTrue(filing.contains("\"LXLX\":3,\"JSXZ\":4,\"NKGSJ\":\"2026-01-01\",\"NJCSJ\":\"2026-12-31\""), filing);
    }

    @Test
    void anItemsStatesBecomeItsDefinitionProcessingAndDetailRows() {
        OffsetDateTime accepted = OffsetDateTime.of(2026, 3, 2, 10, 15, 0, 0, BEIJING);
        // issue 13: the process definition first (process, stage, item of the catalogue), then the item's application
        // (SPSXSLBM) and its state BLZT 3 受理; an item the catalogue lacks (ZJ-02) is described from its list
        assertEquals(List.of("SPGL_DFXMSPLCXXB: {\"DFSJZJ\":\"AB-LC-141000-SPLC-01-1.0\",\"SPLCBM\":\"141000-SPLC-01\","
                + "\"SPLCBBH\":1,\"SPLCMC\":\"临汾市工程建设项目审批流程（一般社会投资项目）\",\"SPLCLX\":2,\"SPLCSM\":null,"
                + "\"SPLCSXSJ\":\"2026-01-01T00:00:00\"}",
                "SPGL_DFXMSPLCJDXXB: {\"DFSJZJ\":\"AB-JD-141000-SPLC-01-1.0-3\",\"SPLCBM\":\"141000-SPLC-01\","
                        + "\"SPLCBBH\":1,\"SPJDXH\":3,\"SPJDBM\":\"141000-SPLC-01-3\",\"SPJDMC\":\"施工许可\",\"DYBZSPJDXH\":3}",
                "SPGL_DFXMSPLCJDSXXXB: {\"DFSJZJ\":\"AB-SX-141000-SPLC-01-1.0-ZJ-02-1.0\",\"SPLCBM\":\"141000-SPLC-01\","
                        + "\"SPLCBBH\":1,\"SPJDXH\":3,\"SPSXBM\":\"ZJ-02\",\"SPSXBBH\":1,\"SPSXMC\":\"建筑工程施工许可证核发\","
                        + "\"DYBZSPSXBM\":null,\"SFLCBSX\":0,\"SFSXGZCNZ\":0,\"SPSXBLSX\":5,\"SPBMBM\":\"ZJ\","
                        + "\"SPBMMC\":\"" + directory.name("ZJ") + "\",\"QZSPSXBM\":null}",
                "SPGL_XMSPSXBLXXB: {\"DFSJZJ\":\"AB-SL-P1-001-ZJ-02\",\"GCDM\":\"P1-001\",\"SPSXBM\":\"ZJ-02\","
                        + "\"SPSXBBH\":1,\"SPLCBM\":\"141000-SPLC-01\",\"SPLCBBH\":1,\"SPSXSLBM\":\"P1-001-ZJ-02\","
                        + "\"SPBMBM\":\"ZJ\",\"SPBMMC\":\"" + directory.name("ZJ") + "\",\"SLFS\":1,\"GKFS\":1,\"SXBLSX\":5}",
                "SPGL_XMSPSXBLXXXXB: {\"DFSJZJ\":\"AB-ZT-P1-001-ZJ-02-3\",\"GCDM\":\"P1-001\",\"SPSXSLBM\":\"P1-001-ZJ-02\","
                        + "\"BLCS\":\"" + directory.name("ZJ") + "\",\"BLR\":\"dept-ZJ\",\"BLZT\":3,\"BLYJ\":null,"
                        + "\"BLSJ\":\"2026-03-02T10:15\"}"),
                tables(rows(new ItemAccepted("P1", "141002", "ZJ-02", "建筑工程施工许可证核发", "施工许可", "ZJ", 5, accepted))));
        // materials first received: 接件 (1), the same application row
        List<String> received = tables(rows(new ItemReceived("P1", "ZRZY-01", "建设用地规划许可证核发", "立项用地规划许可",
                "ZRZY", 5, accepted)));
        assertTrue(received.get(2).contains("\"SPSXBM\":\"ZRZY-01\",\"SPSXBBH\":1,\"SPSXMC\":\"建设用地规划许可证核发\""),
                received.get(2));
        assertTrue(received.get(4).contains("\"BLR\":\"window\",\"BLZT\":1,"), received.get(4));
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 3, 9, 0, 7, 0, BEIJING);
        // 补正: start (6) when returned, end (7) when the materials come back, one row per round
        assertEquals(List.of("SPGL_XMSPSXBLXXXXB: {\"DFSJZJ\":\"AB-ZT-P1-001-ZRZY-01-6-2\",\"GCDM\":\"P1-001\","
                + "\"SPSXSLBM\":\"P1-001-ZRZY-01\",\"BLCS\":\"自然资源局\",\"BLR\":\"dept-ZRZY\",\"BLZT\":6,"
                + "\"BLYJ\":\"缺图纸\",\"BLSJ\":\"2026-03-03T09:00:07\"}"),
                tables(rows(new ItemEvent("P1", "ZRZY-01", "ZRZY", ItemEventType.RETURNED, 2, "缺图纸", at))));
        assertTrue(tables(rows(new ItemEvent("P1", "ZRZY-01", "ZRZY", ItemEventType.RESUBMITTED, 2, null, at))).get(0)
                .contains("\"DFSJZJ\":\"AB-ZT-P1-001-ZRZY-01-7-2\""));
        // 办结 不通过 (13): the state row only, no document
        assertEquals(List.of("SPGL_XMSPSXBLXXXXB: {\"DFSJZJ\":\"AB-ZT-P1-001-ZRZY-01-13\",\"GCDM\":\"P1-001\","
                + "\"SPSXSLBM\":\"P1-001-ZRZY-01\",\"BLCS\":\"自然资源局\",\"BLR\":\"dept-ZRZY\",\"BLZT\":13,"
                + "\"BLYJ\":\"用地性质不符\",\"BLSJ\":\"2026-03-04T16:05:01.500\"}"), tables(rows(decided("dept-ZRZY"))));
        // 办结 通过 (11) with its document, unlimited validity
        ItemDecided approved = new ItemDecided("P1", "ZRZY-01", "建设用地规划许可证核发", "ZRZY", "APPROVED", "临规〔2026〕7号",
                LocalDate.of(2026, 3, 4), null, "dept-ZRZY", OffsetDateTime.of(2026, 3, 4, 16, 5, 0, 0, BEIJING));
        List<String> done = tables(rows(approved));
        assertTrue(done.get(0).contains("\"BLZT\":11,"), done.get(0));
        assertEquals("SPGL_XMSPSXPFWJXXB: {\"DFSJZJ\":\"AB-WJ-P1-001-ZRZY-01\",\"GCDM\":\"P1-001\","
                + "\"SPSXSLBM\":\"P1-001-ZRZY-01\",\"PFRQ\":\"2026-03-04\",\"PFWH\":\"临规〔2026〕7号\","
                + "\"PFWJBT\":\"建设用地规划许可证核发批复\",\"PFWJYXQX\":\"9999-01-01\"}", done.get(1));
        // a decision taken in the project approval system is in its tables already, written by it
        assertEquals(List.of(), rows(decided(ItemDecided.PROJECT_APPROVAL_SYSTEM)));
        // a row already made (a utility status change, a replayed dead letter) is written as it is
        String row = "{\"table\":\"SPGL_XMSPSXBLXXXXB\",\"columns\":{\"DFSJZJ\":\"x\"}}";
        assertEquals(List.of(row), staging.rows(row));
    }

    @Test
    void theDepartmentsGetTheirItemListRequestMaterialsAndPrerequisiteResult() {
        assertEquals("{\"messageId\":\"ITEM_LIST_REQUEST:P1:FGW\",\"kind\":\"ITEM_LIST_REQUEST\",\"projectCode\":\"P1\","
                + "\"departmentCode\":\"FGW\",\"itemCodes\":[],\"answerTo\":\"/api/v1/projects/P1/item-lists\","
                + "\"dueBy\":\"2026-03-05\"}", toDepartment(new ItemListRequested("P1", "FGW", LocalDate.of(2026, 3, 5))));
        assertEquals("{\"messageId\":\"MATERIALS:S-1:P1:ZJ\",\"kind\":\"MATERIALS\",\"projectCode\":\"P1\","
                + "\"departmentCode\":\"ZJ\",\"itemCodes\":[\"ZJ-02\"],\"answerTo\":\"/api/v1/projects/P1/material-reviews\","
                + "\"dueBy\":\"2026-03-09\",\"submissionId\":\"S-1\",\"documents\":[{\"name\":\"申请表\","
                + "\"url\":\"https://window.example/files/2\",\"itemCode\":\"ZJ-02\"},{\"name\":\"营业执照\","
                + "\"url\":\"oss://window/files/3\",\"itemCode\":null}]}",
                toDepartment(new MaterialsToReview("P1", "ZJ", "S-1", List.of("ZJ-02"), LocalDate.of(2026, 3, 9), List.of(
                        new Document("申请表", "https://window.example/files/2", "ZJ-02"),
                        new Document("营业执照", "oss://window/files/3", null)))));
        assertEquals("{\"messageId\":\"PREREQUISITE_RESULT:ZRZY-01:P1:ZJ\",\"kind\":\"PREREQUISITE_RESULT\","
                + "\"projectCode\":\"P1\",\"departmentCode\":\"ZJ\",\"itemCodes\":[\"ZJ-02\"],"
                + "\"answerTo\":\"/api/v1/projects/P1/approval-results\",\"prerequisite\":{\"itemCode\":\"ZRZY-01\","
                + "\"itemName\":\"建设用地规划许可证核发\",\"departmentCode\":\"ZRZY\",\"decision\":\"DISAPPROVED\","
                + "\"documentNumber\":null,\"documentDate\":\"2026-03-04\",\"opinion\":\"用地性质不符\"}}",
                toDepartment(new PrerequisiteDecided("ZJ", List.of("ZJ-02"), decided("dept-ZRZY"))));
    }

    @Test
    void theInvestmentPlatformGetsTheResult() {
        assertEquals("{\"xmdm\":\"P1\",\"spsxbm\":\"ZRZY-01\",\"spsxmc\":\"建设用地规划许可证核发\",\"blbm\":\"ZRZY\","
                + "\"spjg\":\"不予许可\",\"pfwh\":null,\"pfrq\":\"2026-03-04\"}",
                platform.toPlatform(flow.text(decided("dept-ZRZY")), new DefaultExchange(camel)));
    }
}
