package cn.approvalbridge.hub.partners.water;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The water company's XML request (供水报装申请), mapped from the canonical message by {@link WaterCompany}. */
@JacksonXmlRootElement(localName = "WaterConnectionRequest")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WaterRequest {

    @JacksonXmlProperty(isAttribute = true)
    public String kind;
    public String applicationId;
    public String projectCode;
    public String projectName;
    public String site;
    public String contactName;
    public String contactMobile;
    public String dailyDemandM3;
    public String pipeDiameterMm;
    @JacksonXmlElementWrapper(localName = "surveyWindows")
    @JacksonXmlProperty(localName = "window")
    public List<Window> surveyWindows;
    public String surveyDate;
    public Boolean surveyDateAgreed;
    public String answerTo;

    public static class Window {
        @JacksonXmlProperty(isAttribute = true)
        public String from;
        @JacksonXmlProperty(isAttribute = true)
        public String to;

        public Window() {
        }

        public Window(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }
}
