package cn.approvalbridge.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One element of the JSON array Alibaba Cloud SMS pushes as a delivery report (SmsReport). */
@JsonIgnoreProperties(ignoreUnknown = true)
public class AliyunSmsReport {

    @JsonProperty("phone_number")
    public String phoneNumber;
    @JsonProperty("send_time")
    public String sendTime;
    @JsonProperty("report_time")
    public String reportTime;
    public Boolean success;
    @JsonProperty("err_code")
    public String errCode;
    @JsonProperty("err_msg")
    public String errMsg;
    @JsonProperty("sms_size")
    public String smsSize;
    @JsonProperty("biz_id")
    public String bizId;
    @JsonProperty("out_id")
    public String outId;

    public AliyunSmsReport() {
    }
}
