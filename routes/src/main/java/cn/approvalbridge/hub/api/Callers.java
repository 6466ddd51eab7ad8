package cn.approvalbridge.hub.api;

import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: identities are {@code window}, {@code operator} and {@code dept-<CODE>} (role department). */
final class Callers {

    static final String WINDOW = "window";
    static final String DEPARTMENT = "department";
    static final String OPERATOR = "operator";

    private Callers() {
    }

    static Optional<String> department(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        return identity.hasRole(DEPARTMENT) && name.startsWith("dept-") ? Optional.of(name.substring(5)) : Optional.empty();
    }

    static boolean isWindow(SecurityIdentity identity) {
        return identity.hasRole(WINDOW);
    }
}
