package cn.approvalbridge.codeassignment;

/**
 * A request for a project code: {@code {"declarationId": "YD-2026-000123", "regionCode": "610113",
 * "departmentCode": "89", "projectTypeCode": "01"}}. The declarationId is the caller's id of the declaration and the
 * idempotency key.
 */
public class AssignCodeRequest {

    public String declarationId;
    public String regionCode;
    public String departmentCode;
    public String projectTypeCode;

    public AssignCodeRequest() {
    }

    public AssignCodeRequest(String declarationId, String regionCode, String departmentCode, String projectTypeCode) {
        this.declarationId = declarationId;
        this.regionCode = regionCode;
        this.departmentCode = departmentCode;
        this.projectTypeCode = projectTypeCode;
    }

    @Override
    public String toString() {
        return "AssignCodeRequest[declarationId=" + declarationId + ", regionCode=" + regionCode + ", departmentCode="
                + departmentCode + ", projectTypeCode=" + projectTypeCode + "]";
    }
}
