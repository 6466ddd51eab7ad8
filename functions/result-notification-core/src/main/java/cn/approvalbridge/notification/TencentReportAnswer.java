package cn.approvalbridge.notification;

/** What Tencent Cloud expects back from a report receiver: {"result":0,"errmsg":"OK"}. */
public class TencentReportAnswer {

    public int result;
    public String errmsg;

    public TencentReportAnswer() {
    }

    public TencentReportAnswer(int result, String errmsg) {
        this.result = result;
        this.errmsg = errmsg;
    }
}
