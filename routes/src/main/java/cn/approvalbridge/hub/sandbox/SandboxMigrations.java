package cn.approvalbridge.hub.sandbox;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.flyway.FlywayDataSource;

/**
 * The sandbox partners' tables (hub_sandbox_*) come from migration locations of their own (db/migration/sandbox),
 * listed in quarkus.flyway.locations beside the hub's. Quarkus fixes the locations at build time, and the one jar
 * runs both the embedded default and the cloud profile, so a profile cannot drop a location: instead, wherever the
 * sandbox does not run (hub.sandbox.enabled off, and always under cloud), Flyway is given the migrations without
 * those of any location whose path contains "sandbox", and a cloud database never gets a hub_sandbox_* table.
 */
@ApplicationScoped
public class SandboxMigrations {

    @ConfigProperty(name = "hub.sandbox.enabled")
    boolean enabled;

    /** The store's H2 datasource (the tests). */
    @Produces
    @Singleton
    FlywayConfigurationCustomizer embedded() {
        return this::customize;
    }

    /** The store's PostgreSQL datasource (the embedded default, cloud, and the tests under -Ppostgresql). */
    @Produces
    @Singleton
    @FlywayDataSource("postgresql")
    FlywayConfigurationCustomizer postgresql() {
        return this::customize;
    }

    void customize(FluentConfiguration configuration) {
        if (!enabled || Sandbox.underCloud()) {
            leaveOut(configuration);
        }
    }

    /** Leaves the sandbox's migrations out of what Flyway applies with {@code configuration}. */
    public static void leaveOut(FluentConfiguration configuration) {
        ResourceProvider all = configuration.getResourceProvider();
        if (all == null) {
            throw new IllegalStateException("Flyway has no resource provider (Quarkus sets one before the customizers "
                    + "run): the sandbox's migrations cannot be left out");
        }
        configuration.resourceProvider(new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return isSandbox(name) ? null : all.getResource(name);
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return all.getResources(prefix, suffixes).stream().filter(r -> !isSandbox(r.getAbsolutePath())).toList();
            }
        });
    }

    /** Whether a migration file lies in a sandbox location (a folder whose path contains "sandbox"). */
    public static boolean isSandbox(String path) {
        int folder = path.lastIndexOf('/');
        return folder >= 0 && path.substring(0, folder).contains("sandbox");
    }
}
