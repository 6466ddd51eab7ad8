package cn.approvalbridge.hub.partners.heat;

import org.apache.camel.dataformat.bindy.annotation.CsvRecord;
import org.apache.camel.dataformat.bindy.annotation.DataField;

/**
 * One row of the heating company's request file (UTF-8 CSV, header line, one file per message): the kind
 * (APPLICATION or SURVEY), the application, the site and contact, the heated area, the unit's survey windows as
 * from/to pairs separated by ';', and the joint survey date once fixed.
 */
@CsvRecord(separator = ",", generateHeaderColumns = true, quote = "\"", quoting = true, crlf = "UNIX")
public class HeatRequestRow {

    @DataField(pos = 1, columnName = "kind")
    public String kind;
    @DataField(pos = 2, columnName = "applicationId")
    public String applicationId;
    @DataField(pos = 3, columnName = "projectCode")
    public String projectCode;
    @DataField(pos = 4, columnName = "projectName")
    public String projectName;
    @DataField(pos = 5, columnName = "site")
    public String site;
    @DataField(pos = 6, columnName = "contactName")
    public String contactName;
    @DataField(pos = 7, columnName = "contactMobile")
    public String contactMobile;
    @DataField(pos = 8, columnName = "areaM2")
    public String areaM2;
    @DataField(pos = 9, columnName = "surveyWindows")
    public String surveyWindows;
    @DataField(pos = 10, columnName = "surveyDate")
    public String surveyDate;
    @DataField(pos = 11, columnName = "surveyDateAgreed")
    public String surveyDateAgreed;
}
