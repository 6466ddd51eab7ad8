package cn.approvalbridge.hub.utility;

/** The five utilities of the joint application (水电气暖信), each with the transport its provider speaks. */
public enum Utility {
    WATER("供水", "通水", "water", Transport.XML_HTTPS),
    POWER("供电", "通电", "power", Transport.JSON_HTTPS),
    GAS("供气", "通气", "gas", Transport.JSON_HTTPS),
    HEAT("供热", "通热", "heat", Transport.CSV_SFTP),
    TELECOM("通信", "通网", "telecom", Transport.JSON_HTTPS);

    public enum Transport {
        JSON_HTTPS, XML_HTTPS, CSV_SFTP
    }

    private final String label;
    private final String connectedLabel;
    private final String section;
    private final Transport transport;

    Utility(String label, String connectedLabel, String section, Transport transport) {
        this.label = label;
        this.connectedLabel = connectedLabel;
        this.section = section;
        this.transport = transport;
    }

    /** 供水, 供电 ... as the unit reads it in an SMS and on the status page. */
    public String label() {
        return label;
    }

    /** 通水, 通电 ... */
    public String connectedLabel() {
        return connectedLabel;
    }

    /** The form's section of this utility ("water", "power", ...). */
    public String section() {
        return section;
    }

    public Transport transport() {
        return transport;
    }

    /** The provider's identity on the inbound API (HTTP Basic user). */
    public String identity() {
        return "utility-" + name();
    }

    public static Utility parse(String s) {
        for (Utility u : values()) {
            if (u.name().equals(s)) {
                return u;
            }
        }
        return null;
    }
}
