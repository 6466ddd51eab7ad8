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

import cn.approvalbridge.hub.approval.ApprovalRecords.ApprovalRecord;
import cn.approvalbridge.hub.approval.ApprovalRecords.Document;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemAccepted;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEvent;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemEventType;
import cn.approvalbridge.hub.approval.ApprovalRecords.ItemListRequested;
import cn.approvalbridge.hub.approval.ApprovalRecords.MaterialsToReview;
import cn.approvalbridge.hub.approval.ApprovalRecords.PrerequisiteDecided;
import cn.approvalbridge.hub.approval.ApprovalRecords.ProjectCoded;
import cn.approvalbridge.hub.approval.ApprovalRecords.Unit;
import cn.approvalbridge.hub.partners.department.ApprovalMessages;
import cn.approvalbridge.hub.partners.investmentplatform.PlatformResults;
import cn.approvalbridge.hub.partners.projectapproval.StagingRows;
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

    @Test
    void aCodedProjectBecomesItsProjectAndUnitRows() {
        assertEquals(List.of("{\"table\":\"SPGL_XMJBXXB\",\"columns\":{\"XZQHDM\":\"141002\",\"XMDM\":\"P1\",\"XMMC\":\"物流园\","
                + "\"ZTZE\":12000.5,\"JSDD\":\"屯里镇\",\"LXLX\":\"核准\",\"JSXZ\":\"NEW\",\"NKGSJ\":\"2026-04\","
                + "\"NJCSJ\":\"2027-12\",\"JSGMJNR\":\"仓储\",\"SBRQ\":\"2026-03-02\"}}",
                "{\"table\":\"SPGL_XMDWXXB\",\"columns\":{\"XMDM\":\"P1\",\"DWTYSHXYDM\":\"91350100M000100Y43\","
                        + "\"DWMC\":\"物流公司\",\"LXR\":\"张三\",\"LXDH\":\"13800138000\"}}"),
                rows(new ProjectCoded("P1", "141002", "物流园", BigDecimal.valueOf(12000.5), "屯里镇", "VERIFICATION", "NEW",
                        "2026-04", "2027-12", "仓储", LocalDate.of(2026, 3, 2),
                        new Unit("91350100M000100Y43", "物流公司", "张三", "13800138000"))));
        // a whole number travels as Jackson's tree writes it (5E+3, stored as 5000); a filing (备案) is any class but
        // approval (审批) and verification (核准)
        String filing = rows(new ProjectCoded("P1", "141002", "x", BigDecimal.valueOf(5000L), "s", "FILING", "NEW", "a",
                "b", "c", LocalDate.of(2026, 3, 2), new Unit("c", "n", "m", "t"))).get(0);
        assertTrue(filing.contains("\"ZTZE\":5E+3,\"JSDD\":\"s\",\"LXLX\":\"备案\","), filing);
    }

    @Test
    void anItemsAcceptanceReturnResubmissionAndDecisionBecomeItsRows() {
        OffsetDateTime accepted = OffsetDateTime.of(2026, 3, 2, 10, 15, 0, 0, BEIJING);
        assertEquals(List.of("{\"table\":\"SPGL_XMSPSXBLXXB\",\"columns\":{\"XZQHDM\":\"141002\",\"XMDM\":\"P1\","
                + "\"SPSXBM\":\"ZJ-02\",\"SPSXMC\":\"建筑工程施工许可证核发\",\"SPJD\":\"施工许可\",\"BLBM\":\"ZJ\",\"BLSX\":5,"
                + "\"SLSJ\":\"2026-03-02T10:15+08:00\",\"BLZT\":\"受理\"}}",
                "{\"table\":\"SPGL_XMSPSXBLXXXXB\",\"columns\":{\"YWBS\":\"P1:ZJ-02:ACCEPTED\",\"XMDM\":\"P1\","
                        + "\"SPSXBM\":\"ZJ-02\",\"BLBM\":\"ZJ\",\"BLZT\":\"受理\",\"BLYJ\":null,"
                        + "\"BLSJ\":\"2026-03-02T10:15+08:00\"}}"),
                rows(new ItemAccepted("P1", "141002", "ZJ-02", "建筑工程施工许可证核发", "施工许可", "ZJ", 5, accepted)));
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 3, 9, 0, 7, 123_456_789, BEIJING);
        assertEquals(List.of("{\"table\":\"SPGL_XMSPSXBLXXXXB\",\"columns\":{\"YWBS\":\"P1:ZJ-02:RETURNED:2\","
                + "\"XMDM\":\"P1\",\"SPSXBM\":\"ZJ-02\",\"BLBM\":\"ZJ\",\"BLZT\":\"补正\",\"BLYJ\":\"缺图纸\","
                + "\"BLSJ\":\"2026-03-03T09:00:07.123456789+08:00\"}}"),
                rows(new ItemEvent("P1", "ZJ-02", "ZJ", ItemEventType.RETURNED, 2, "缺图纸", at)));
        assertEquals(List.of("{\"table\":\"SPGL_XMSPSXBLXXXXB\",\"columns\":{\"YWBS\":\"P1:ZJ-02:RESUBMITTED:2\","
                + "\"XMDM\":\"P1\",\"SPSXBM\":\"ZJ-02\",\"BLBM\":\"ZJ\",\"BLZT\":\"补正提交\",\"BLYJ\":null,"
                + "\"BLSJ\":\"2026-03-03T09:00:07.123456789+08:00\"}}"),
                rows(new ItemEvent("P1", "ZJ-02", "ZJ", ItemEventType.RESUBMITTED, 2, null, at)));
        String detail = "{\"table\":\"SPGL_XMSPSXBLXXXXB\",\"columns\":{\"YWBS\":\"P1:ZRZY-01:DECIDED\",\"XMDM\":\"P1\","
                + "\"SPSXBM\":\"ZRZY-01\",\"BLBM\":\"ZRZY\",\"BLZT\":\"不予许可\",\"BLYJ\":\"用地性质不符\","
                + "\"BLSJ\":\"2026-03-04T16:05:01.500+08:00\"}}";
        assertEquals(List.of(detail, "{\"table\":\"SPGL_XMSPSXPFWJXXB\",\"columns\":{\"XMDM\":\"P1\",\"SPSXBM\":\"ZRZY-01\","
                + "\"SPJG\":\"不予许可\",\"PFWH\":null,\"PFRQ\":\"2026-03-04\",\"BLYJ\":\"用地性质不符\"}}"),
                rows(decided("dept-ZRZY")));
        // a decision taken in the project approval system is in its table already: only the detail row
        assertEquals(List.of(detail), rows(decided(ItemDecided.PROJECT_APPROVAL_SYSTEM)));
        // a row already made (a utility status change, a replayed dead letter) is written as it is
        String row = "{\"table\":\"SPGL_XMSPSXBLXXXXB\",\"columns\":{\"YWBS\":\"x\"}}";
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
