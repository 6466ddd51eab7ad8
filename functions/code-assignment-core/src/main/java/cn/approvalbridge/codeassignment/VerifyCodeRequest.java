package cn.approvalbridge.codeassignment;

/** {@code {"projectCode": "2603-141124-89-05-346948"}}: a code in the GB/T 40058-2021 or the legacy form. */
public class VerifyCodeRequest {

    public String projectCode;

    public VerifyCodeRequest() {
    }

    public VerifyCodeRequest(String projectCode) {
        this.projectCode = projectCode;
    }
}
