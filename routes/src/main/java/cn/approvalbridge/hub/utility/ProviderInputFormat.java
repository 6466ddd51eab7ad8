package cn.approvalbridge.hub.utility;

/**
 * A provider's own format of input that reaches the hub on the provider-input queue (a row of a result file, say),
 * read by the partner's adapter into a report. The queue's envelope names the format; the JSON of the provider API
 * (status-json, availability-json) is the flow's own and needs no adapter.
 */
public interface ProviderInputFormat {

    /** The envelope's "format" this adapter reads. */
    String name();

    /** The raw input as a validated report or its field errors; input that cannot be read at all: PermanentFailure. */
    ProviderInput.Parsed parse(Utility utility, String raw);
}
