package cn.approvalbridge.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One element of the JSON array Tencent Cloud SMS pushes as a delivery report (短信下发状态回调). */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TencentSmsReport {

    @JsonProperty("user_receive_time")
    public String userReceiveTime;
    public String nationcode;
    public String mobile;
    /** SUCCESS or FAIL. */
    @JsonProperty("report_status")
    public String reportStatus;
    public String errmsg;
    public String description;
    /** The SerialNo Tencent answered at send time. */
    public String sid;

    public TencentSmsReport() {
    }
}
