package cn.approvalbridge.notification.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;

import cn.approvalbridge.support.StoreSchema;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The start-up skips Flyway when the history table holds every version in {@value StoreSchema#VERSIONS_KEY}, so that
 * list must name every migration the jar ships, or a new one would never be applied.
 */
@QuarkusTest
class SchemaAtStartTest {

    @Inject
    StoreSchema schema;

    @ConfigProperty(name = StoreSchema.VERSIONS_KEY)
    List<String> versions;

    @Test
    void theListedVersionsAreEveryShippedMigrationAndEachIsApplied() {
        MigrationInfoService info = schema.flyway().info();
        List<String> shipped = Arrays.stream(info.all()).filter(m -> m.getState().isResolved() && m.getVersion() != null) // not the schema's creation
                .map(m -> m.getVersion().getVersion()).toList();
        assertEquals(shipped, versions, "function.schema.versions against the migration files");
        assertEquals(List.of(), Arrays.stream(info.pending()).map(MigrationInfo::getScript).toList(), "pending");
    }
}
