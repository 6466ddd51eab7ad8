package cn.approvalbridge.hub.platform.api;

import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: identities are {@code window}, {@code operator} and {@code dept-<CODE>} (role department). */
public final class Callers {

    public static final String WINDOW = "window";
    public static final String DEPARTMENT = "department";
    public static final String OPERATOR = "operator";
    /** Supervises the departments (督查): reads the ledger and the ranking. */
    public static final String SUPERVISOR = "supervisor";

    private Callers() {
    }

    public static Optional<String> department(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        return identity.hasRole(DEPARTMENT) && name.startsWith("dept-") ? Optional.of(name.substring(5)) : Optional.empty();
    }

    public static boolean isWindow(SecurityIdentity identity) {
        return identity.hasRole(WINDOW);
    }
}
