package cn.approvalbridge.hub.partners.heat;

import org.apache.camel.dataformat.bindy.annotation.CsvRecord;
import org.apache.camel.dataformat.bindy.annotation.DataField;

/**
 * One row of a result file the heating company writes (UTF-8 CSV, optional header line "applicationId,kind,..."):
 * {@code applicationId,STATUS,<state>,<surveyDate>,,<reason>} or {@code applicationId,AVAILABILITY,,,<d1;d2;...>,}.
 */
@CsvRecord(separator = ",", quote = "\"")
public class HeatResultRow {

    public static final String HEADER = "applicationId,kind,state,surveyDate,slots,reason";

    @DataField(pos = 1, required = true)
    public String applicationId;
    @DataField(pos = 2, required = true)
    public String kind;
    @DataField(pos = 3)
    public String state;
    @DataField(pos = 4)
    public String surveyDate;
    @DataField(pos = 5)
    public String slots;
    @DataField(pos = 6)
    public String reason;
}
