package cn.approvalbridge.codeassignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.approvalbridge.support.FieldError;

class RequestValidatorTest {

    static final RequestValidator VALIDATOR = new RequestValidator(ReferenceData.shipped());

    static List<String> errors(AssignCodeRequest r) {
        return VALIDATOR.validate(r).stream().map(e -> e.field() + ":" + e.code()).toList();
    }

    @Test
    void aValidRequestHasNoErrors() {
        assertEquals(List.of(), errors(new AssignCodeRequest("YD-2026-000123", "610113", "89", "01")));
        assertEquals(List.of(), errors(new AssignCodeRequest("a.b_c:d-E9", "310052", "89", "05")));
        assertEquals(List.of(), errors(new AssignCodeRequest("x".repeat(64), "141124", "89", "05")));
        assertEquals(List.of(), errors(new AssignCodeRequest("gd-storage", "440300", "04", "01")));
        assertEquals(List.of(), errors(new AssignCodeRequest("nj-zone", "320193", "89", "01")));
        assertEquals(List.of(), errors(new AssignCodeRequest("xinjiang", "653229", "04", "04")));
    }

    @Test
    void aRetiredRegionIsRefusedAsUnknownWithAMessageSayingWhy() {
        List<FieldError> e = VALIDATOR.validate(new AssignCodeRequest("ok", "330103", "89", "01"));
        assertEquals(1, e.size());
        assertEquals("regionCode", e.get(0).field());
        assertEquals("unknown_region", e.get(0).code());
        assertTrue(e.get(0).message().startsWith("regionCode 330103 (下城区) is no longer offered for new project codes (retired:"),
                e.get(0).message());
        assertTrue(e.get(0).message().contains("existing codes that carry it stay valid"), e.get(0).message());
        assertEquals(List.of("regionCode:unknown_region", "departmentCode:unknown_department"),
                errors(new AssignCodeRequest("ok", "500105", "77", "01")));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "<null>", value = {
            "<null>, declarationId:required",
            "'', declarationId:required",
            "YD 1, declarationId:invalid_characters",
            "YD#1, declarationId:invalid_characters",
            "YD\u00e91, declarationId:invalid_characters" })
    void declarationIdRules(String id, String expected) {
        assertEquals(List.of(expected), errors(new AssignCodeRequest(id, "610113", "89", "01")));
    }

    @Test
    void declarationIdLength() {
        assertEquals(List.of("declarationId:too_long"), errors(new AssignCodeRequest("x".repeat(65), "610113", "89", "01")));
    }

    @Test
    void shapeIsCheckedBeforeTheListsAndEveryFieldIsReported() {
        assertEquals(List.of("regionCode:invalid_format", "departmentCode:unknown_department", "projectTypeCode:invalid_format"),
                errors(new AssignCodeRequest("ok", "61O113", "77", "1")));
        assertEquals(List.of("declarationId:required", "regionCode:required", "departmentCode:required",
                "projectTypeCode:required"), errors(null));
    }

    @Test
    void messagesAreForPeople() {
        FieldError e = VALIDATOR.validate(new AssignCodeRequest("ok", "999999", "89", "01")).get(0);
        assertEquals("unknown_region", e.code());
        assertEquals("regionCode 999999 is on neither the GB/T 2260 region list nor the operators' additions", e.message());
    }
}
