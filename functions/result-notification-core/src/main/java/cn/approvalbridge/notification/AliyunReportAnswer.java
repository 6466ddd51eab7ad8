package cn.approvalbridge.notification;

/** What Alibaba Cloud expects back from a report receiver: {"code":0,"msg":"成功"}; anything else is retried. */
public class AliyunReportAnswer {

    public int code;
    public String msg;

    public AliyunReportAnswer() {
    }

    public AliyunReportAnswer(int code, String msg) {
        this.code = code;
        this.msg = msg;
    }
}
