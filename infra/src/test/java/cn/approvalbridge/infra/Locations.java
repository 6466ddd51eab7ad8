package cn.approvalbridge.infra;

import java.nio.file.Path;

/** Where the checks look: the repository root, infra/, and the fixture repository of the broken copies. */
final class Locations {

    private Locations() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("infra.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path infra() {
        return Path.of(System.getProperty("infra.dir", ".")).toAbsolutePath().normalize();
    }

    /**
     * Where the real applications' application.properties are read: the repository root, unless
     * -Dinfra.apps.root points elsewhere (for working on the templates before the applications exist).
     */
    static Path appsRoot() {
        String override = System.getProperty("infra.apps.root");
        return override == null || override.isBlank() ? repoRoot() : Path.of(override).toAbsolutePath().normalize();
    }

    /** A miniature repository (three applications' properties, a good template and kustomization) for the broken copies. */
    static Path fixtureRepo() {
        return infra().resolve("src/test/resources/fixture-repo");
    }
}
