package cn.approvalbridge.hub.partners.heat;

/**
 * An SFTP server to use when no heating company's host is configured (hub.utilities.HEAT.sftp.host): a stand-in such
 * as the sandbox's, provided as a bean of this type. Only an active one is used.
 */
public interface HeatSftpFallback {

    /** Whether it may serve in this deployment (never under the cloud profile). */
    boolean active();

    String host();

    /** Its port; asking may start it. */
    int port();

    String username();

    String password();
}
