package cn.approvalbridge.support;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * "The one active datasource of these": Quarkus fixes a datasource's kind at build time, so an application that must
 * run on H2 and on PostgreSQL from one build declares a datasource of each kind for one purpose, and configuration
 * activates exactly one of them. This picks that one (once; it does not change while the application runs) and says
 * how to fix the configuration when none or both are active.
 */
public final class ActiveDataSource {

    private final String purpose;
    private final String howToChoose;
    private final Annotation[] qualifiers;
    private volatile AgroalDataSource active;

    /**
     * @param purpose     what the datasource is for, as the error message names it ("store", "staging")
     * @param howToChoose which configuration keys activate which candidate
     * @param qualifiers  the candidates: {@code Default.Literal.INSTANCE} or {@link #named(String)}
     */
    public ActiveDataSource(String purpose, String howToChoose, Annotation... qualifiers) {
        this.purpose = purpose;
        this.howToChoose = howToChoose;
        this.qualifiers = qualifiers.clone();
    }

    /** The qualifier of the datasource named {@code name} ({@code quarkus.datasource."name".*}). */
    public static Annotation named(String name) {
        return new DataSource.DataSourceLiteral(name);
    }

    /** Whether the datasource {@code qualifier} names is active. */
    public static boolean isActive(InjectableInstance<AgroalDataSource> dataSources, Annotation qualifier) {
        return !dataSources.select(qualifier).listActive().isEmpty();
    }

    /** The one active candidate among {@code dataSources} (an {@code @Any} injection of them all). */
    public AgroalDataSource among(InjectableInstance<AgroalDataSource> dataSources) {
        AgroalDataSource result = active;
        if (result == null) {
            List<AgroalDataSource> candidates = new ArrayList<>();
            for (Annotation qualifier : qualifiers) {
                candidates.addAll(dataSources.select(qualifier).listActive());
            }
            if (candidates.size() != 1) {
                throw new IllegalStateException("Exactly one " + purpose + " datasource must be active, found "
                        + candidates.size() + ": " + howToChoose);
            }
            result = candidates.get(0);
            active = result;
        }
        return result;
    }
}
