package cn.approvalbridge.hub.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The partner identities: hub.identities.&lt;name&gt;.hash (a bcrypt hash, $2a$/$2b$/$2y$, as
 * {@code htpasswd -nbBC 12 "" 'password' | tr -d ':\n'} prints it), .roles, and optionally .certificate-subject: the
 * subject of the client certificate (mutual TLS, e.g. {@code CN=gateway.fgw.example.gov.cn,O=FGW,C=CN}) with which the
 * partner system may authenticate instead of its password.
 */
@ConfigMapping(prefix = "hub.identities")
public interface IdentitiesConfig {

    @WithParentName
    Map<String, Identity> users();

    interface Identity {
        Optional<String> hash();

        List<String> roles();

        Optional<String> certificateSubject();
    }
}
