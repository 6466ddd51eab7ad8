package cn.approvalbridge.support;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
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

    private volatile AgroalDataSource active;

    public AgroalDataSource get() {
        AgroalDataSource result = active;
        if (result == null) {
            result = select();
            active = result;
        }
        return result;
    }

    /** {@code h2} or {@code postgresql}: what SQL dialect the active datasource speaks. */
    public boolean isPostgresql() {
        return !dataSources.select(new DataSource.DataSourceLiteral(POSTGRESQL)).listActive().isEmpty();
    }

    private AgroalDataSource select() {
        List<AgroalDataSource> candidates = new ArrayList<>();
        candidates.addAll(dataSources.select(Default.Literal.INSTANCE).listActive());
        candidates.addAll(dataSources.select(new DataSource.DataSourceLiteral(POSTGRESQL)).listActive());
        if (candidates.size() != 1) {
            throw new IllegalStateException("Exactly one store datasource must be active, found " + candidates.size()
                    + ": set quarkus.datasource.active=true (embedded H2) or quarkus.datasource.active=false with "
                    + "quarkus.datasource." + POSTGRESQL + ".active=true (PostgreSQL; the cloud profile does this)");
        }
        return candidates.get(0);
    }
}
