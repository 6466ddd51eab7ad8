package cn.approvalbridge.hub.partners.heat;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The heating company's SFTP server: hub.utilities.HEAT.sftp.host/port/username/password, the directory the hub writes
 * requests to and the one it polls for results. Without a host, an active {@link HeatSftpFallback} (the sandbox's SFTP
 * server embedded in this hub). A known-hosts file pins the server's key; without one (the sandbox), the key is not checked.
 */
@ApplicationScoped
public class HeatSftp {

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.host")
    Optional<String> host;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.port", defaultValue = "22")
    int port;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.username")
    Optional<String> username;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.password")
    Optional<String> password;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.known-hosts-file")
    Optional<String> knownHosts;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.request-dir")
    String requestDir;

    @ConfigProperty(name = "hub.utilities.HEAT.sftp.result-dir")
    String resultDir;

    @Inject
    Instance<HeatSftpFallback> fallbacks;

    public String requests() {
        return uri(requestDir);
    }

    public String results() {
        return uri(resultDir);
    }

    private String uri(String dir) {
        String h;
        int p;
        String user;
        String pass;
        if (host.filter(s -> !s.isBlank()).isPresent()) {
            h = host.get();
            p = port;
            user = username.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "hub.utilities.HEAT.sftp.username is not set: give the heating company's SFTP user in UTILITY_HEAT_SFTP_USERNAME"));
            pass = password.orElseThrow(() -> new IllegalStateException(
                    "hub.utilities.HEAT.sftp.password is not set: give it in UTILITY_HEAT_SFTP_PASSWORD"));
        } else {
            HeatSftpFallback fallback = fallbacks.stream().filter(HeatSftpFallback::active).findFirst()
                    .orElseThrow(() -> new IllegalStateException("hub.utilities.HEAT.sftp.host is not set and the "
                            + "sandbox is off (cloud profile): give the heating company's SFTP server in "
                            + "UTILITY_HEAT_SFTP_HOST (and _PORT, _USERNAME, _PASSWORD, _KNOWN_HOSTS)"));
            h = fallback.host();
            p = fallback.port();
            user = fallback.username();
            pass = fallback.password();
        }
        String keys = knownHosts.filter(s -> !s.isBlank())
                .map(k -> "&strictHostKeyChecking=yes&knownHostsFile=" + k)
                .orElse("&strictHostKeyChecking=no&useUserKnownHostsFile=false");
        return "sftp://" + user + "@" + h + ":" + p + "/" + dir + "?password=RAW(" + pass + ")" + keys
                // 10 s to connect, 30 s per operation: a batch server that takes longer is treated as down and retried
                + "&connectTimeout=10000&timeout=30000&autoCreate=true&binary=true";
    }
}
