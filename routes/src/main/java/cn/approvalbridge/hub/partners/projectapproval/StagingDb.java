package cn.approvalbridge.hub.partners.projectapproval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import cn.approvalbridge.support.ActiveDataSource;
import cn.approvalbridge.support.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The project approval system's staging database (前置库), a second datasource beside the store: {@code staging} (H2
 * file, the embedded default) or {@code staging-postgresql} (cloud), exactly one active — the same selection as the
 * store's StoreDataSource. The hub's transactions here are separate from the store's: every write is keyed by the row's
 * business key (unique constraint), so a write repeated after a crash or a replay adds nothing.
 */
@ApplicationScoped
public class StagingDb {

    public static final String H2 = "staging";
    public static final String POSTGRESQL = "staging-postgresql";

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private final ActiveDataSource active = new ActiveDataSource("staging",
            "set quarkus.datasource.staging.active=true (embedded H2) or quarkus.datasource.staging.active="
                    + "false with quarkus.datasource.staging-postgresql.active=true (the cloud profile does this)",
            ActiveDataSource.named(H2), ActiveDataSource.named(POSTGRESQL));

    public AgroalDataSource get() {
        return active.among(dataSources);
    }

    public <T> T inTransaction(Db.Work<T> work) {
        return Db.inTransaction(get(), work);
    }

    public <T> T read(Db.Work<T> work) {
        return Db.read(get(), work);
    }
}
