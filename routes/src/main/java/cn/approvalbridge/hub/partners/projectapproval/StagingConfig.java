package cn.approvalbridge.hub.partners.projectapproval;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The staging database's exchange settings ({@code hub.staging.*}): who reports (the city's region code), how the hub
 * names its rows, and the approval catalogue the process-definition tables are written from (the local approval process,
 * its version, and per item its stage, version, standard item, time limit, commitment and prerequisites).
 */
@ConfigMapping(prefix = "hub.staging")
public interface StagingConfig {

    /** h2 | postgresql | mysql: which of the staging datasources is active (StagingDb). */
    @WithName("db-kind")
    @WithDefault("h2")
    String dbKind();

    @WithName("pickup-interval")
    String pickupInterval();

    /**
     * How far below its watermark each pickup looks again (in LSH): a row whose serial was drawn before a higher one
     * but committed after it is still found, unless this many rows were committed in between.
     */
    @WithName("pickup-lookback")
    @WithDefault("200")
    int pickupLookback();

    /** At most this many new decision rows per pickup: a large backlog is taken over several ticks. */
    @WithName("pickup-batch")
    @WithDefault("500")
    int pickupBatch();

    @WithName("upload-watch-interval")
    @WithDefault("60s")
    String uploadWatchInterval();

    /** Consumers of hub.staging (1: the rows are written in the order the hub announced them, see ProjectApprovalRoutes). */
    @WithDefault("1")
    int consumers();

    /** Tests only: drop the staging tables of a shared MySQL test database at start, so every run starts empty. */
    @WithName("mysql-recreate")
    @WithDefault("false")
    boolean mysqlRecreate();

    /** XZQHDM of every row: the reporting city's region code (the exchange node), not the project's. */
    @WithName("reporting-region")
    String reportingRegion();

    /** GCDM (工程代码) = the project code followed by this suffix (one 工程 per project today). */
    @WithName("engineering-code-suffix")
    @WithDefault("-001")
    String engineeringCodeSuffix();

    /** Every DFSJZJ the hub writes starts with this: rows with other keys are the project approval system's own. */
    @WithName("key-prefix")
    @WithDefault("AB-")
    String keyPrefix();

    /** How the unit applied (SLFS: 1 at the window, 4 fully online). */
    @WithName("application-mode")
    @WithDefault("1")
    int applicationMode();

    Process process();

    /** The catalogue's items by item code (SPSXBM); an item the hub meets that is not here is described from its list. */
    Map<String, Item> items();

    interface Process {
        /** SPLCBM */
        String code();

        /** SPLCBBH: a new version for every change of the catalogue, so the province keeps the old one for old rows. */
        @WithDefault("1.0")
        BigDecimal version();

        /** SPLCMC */
        String name();

        /** SPLCLX: the national process type (1 government investment, 2 social investment, ...; a code of the standard). */
        @WithDefault("1")
        int type();

        /** SPLCSXSJ: when this version takes effect (yyyy-MM-dd). */
        @WithName("effective-from")
        String effectiveFrom();

        /** SPLCSM */
        Optional<String> description();
    }

    interface Item {
        /** SPSXMC */
        String name();

        /** SPJDXH: 1 立项用地规划许可, 2 工程建设许可, 3 施工许可, 4 竣工验收, 5 并行推进. */
        int stage();

        /** SPSXBBH */
        @WithDefault("1.0")
        BigDecimal version();

        /** DYBZSPSXBM: the national standard item this local item maps to. */
        @WithName("standard-code")
        Optional<String> standardCode();

        /** SPBMBM / SPBMMC */
        @WithName("department-code")
        String departmentCode();

        @WithName("department-name")
        String departmentName();

        /** SPSXBLSX: working days. */
        @WithName("time-limit-days")
        int timeLimitDays();

        /** SFSXGZCNZ: may be granted on a commitment (告知承诺制). */
        @WithDefault("false")
        boolean commitment();

        /** SFLCBSX: a milestone item of its stage. */
        @WithDefault("false")
        boolean milestone();

        /** QZSPSXBM: prerequisite items. */
        Optional<List<String>> prerequisites();
    }
}
