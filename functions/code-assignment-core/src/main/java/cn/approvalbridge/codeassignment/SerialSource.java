package cn.approvalbridge.codeassignment;

/**
 * Where the five random digits (NNNNN) of a code come from. The default draws from {@link java.security.SecureRandom}
 * over all 100000 serials; tests swap in a source over fewer serials to reach prefix exhaustion quickly.
 */
public interface SerialSource {

    /** The five digits hold 00000–99999. */
    int SERIALS = 100_000;

    /** How many serials this source draws from: serials are 0 … size() - 1. */
    default int size() {
        return SERIALS;
    }

    /** A uniformly random int in [0, bound). */
    int nextInt(int bound);
}
