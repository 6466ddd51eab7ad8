package cn.approvalbridge.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The database the functions and the hub keep their state in.
 * <p>
 * Quarkus fixes a datasource's kind at build time, yet one build must run on the embedded H2 file database (the
 * unprefixed default) and on PostgreSQL (the {@code cloud} profile). So an application declares both: the default
 * datasource (H2) and a datasource named {@value #POSTGRESQL}, and configuration activates exactly one of them
 * ({@code quarkus.datasource.active}, {@code quarkus.datasource.postgresql.active}). This bean hands out the active one.
 */
@ApplicationScoped
public class StoreDataSource {

    public static final String POSTGRESQL = "postgresql";

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private final ActiveDataSource active = new ActiveDataSource("store",
            "set quarkus.datasource.active=true (embedded H2) or quarkus.datasource.active=false with "
                    + "quarkus.datasource." + POSTGRESQL + ".active=true (PostgreSQL; the cloud profile does this)",
            Default.Literal.INSTANCE, ActiveDataSource.named(POSTGRESQL));

    public AgroalDataSource get() {
        return active.among(dataSources);
    }

    /** Whether the active datasource speaks PostgreSQL's SQL (otherwise H2's). */
    public boolean isPostgresql() {
        return ActiveDataSource.isActive(dataSources, ActiveDataSource.named(POSTGRESQL));
    }
}
