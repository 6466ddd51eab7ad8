package cn.approvalbridge.codeassignment;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * The code lists a request is checked against: regions (the GB/T 2260 list plus the operators' additions), central
 * business-guidance departments and project types; and the retired regions, which new codes may not use but
 * existing codes carry. Each list ships as a data file in the jar
 * ({@code code-assignment/*.tsv}) and can be replaced by a file on disk named in configuration, so operators update
 * them without a rebuild (a restart reads them again). Loaded once, at start-up, so a broken file fails fast.
 */
@Startup
@ApplicationScoped
public class ReferenceData {

    public static final String REGIONS_KEY = "code-assignment.data.regions";
    public static final String REGION_ADDITIONS_KEY = "code-assignment.data.region-additions";
    public static final String DEPARTMENTS_KEY = "code-assignment.data.departments";
    public static final String PROJECT_TYPES_KEY = "code-assignment.data.project-types";
    public static final String RETIRED_REGIONS_KEY = "code-assignment.data.regions-retired";

    static final String REGIONS_RESOURCE = "code-assignment/regions-gbt2260.tsv";
    static final String REGION_ADDITIONS_RESOURCE = "code-assignment/region-additions.tsv";
    static final String DEPARTMENTS_RESOURCE = "code-assignment/departments.tsv";
    static final String PROJECT_TYPES_RESOURCE = "code-assignment/project-types.tsv";
    static final String RETIRED_REGIONS_RESOURCE = "code-assignment/regions-retired.tsv";

    static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    private static final Logger LOG = Logger.getLogger(ReferenceData.class);

    private final CodeList regions;
    private final CodeList regionAdditions;
    private final CodeList departments;
    private final CodeList projectTypes;
    private final CodeList retiredRegions;

    /** The four lists from files on disk where given, the shipped retired regions. */
    public ReferenceData(Optional<String> regionsFile, Optional<String> regionAdditionsFile,
            Optional<String> departmentsFile, Optional<String> projectTypesFile) {
        this(regionsFile, regionAdditionsFile, departmentsFile, projectTypesFile, Optional.empty());
    }

    @Inject
    public ReferenceData(@ConfigProperty(name = REGIONS_KEY) Optional<String> regionsFile,
            @ConfigProperty(name = REGION_ADDITIONS_KEY) Optional<String> regionAdditionsFile,
            @ConfigProperty(name = DEPARTMENTS_KEY) Optional<String> departmentsFile,
            @ConfigProperty(name = PROJECT_TYPES_KEY) Optional<String> projectTypesFile,
            @ConfigProperty(name = RETIRED_REGIONS_KEY) Optional<String> retiredRegionsFile) {
        this.regions = CodeList.load(REGIONS_RESOURCE, regionsFile, SIX_DIGITS);
        this.regionAdditions = CodeList.load(REGION_ADDITIONS_RESOURCE, regionAdditionsFile, SIX_DIGITS);
        this.departments = CodeList.load(DEPARTMENTS_RESOURCE, departmentsFile, TWO_DIGITS);
        this.projectTypes = CodeList.load(PROJECT_TYPES_RESOURCE, projectTypesFile, TWO_DIGITS);
        this.retiredRegions = CodeList.load(RETIRED_REGIONS_RESOURCE, retiredRegionsFile, SIX_DIGITS);
        LOG.infof("Code lists: %d regions (%s), %d region additions (%s), %d retired regions (%s), %d departments (%s),"
                + " %d project types (%s)", regions.size(), regions.description(), regionAdditions.size(),
                regionAdditions.description(), retiredRegions.size(), retiredRegions.description(), departments.size(),
                departments.description(), projectTypes.size(), projectTypes.description());
    }

    /** The shipped lists only: for tests and tools outside CDI. */
    public static ReferenceData shipped() {
        return new ReferenceData(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A region a NEW project code may carry: on the current GB/T 2260 list or on the operators' additions. */
    public boolean isKnownRegion(String code) {
        return regions.contains(code) || regionAdditions.contains(code);
    }

    /**
     * A region existing codes carry but new ones may not: on the retired list and on neither the current list nor
     * the additions (an operator who puts a retired code on the additions offers it again).
     */
    public boolean isRetiredRegion(String code) {
        return retiredRegions.contains(code) && !isKnownRegion(code);
    }

    /** A region an existing project code may carry: known for new codes, or retired. */
    public boolean isKnownOrRetiredRegion(String code) {
        return isKnownRegion(code) || retiredRegions.contains(code);
    }

    public boolean isKnownDepartment(String code) {
        return departments.contains(code);
    }

    public boolean isKnownProjectType(String code) {
        return projectTypes.contains(code);
    }

    public CodeList regions() {
        return regions;
    }

    public CodeList regionAdditions() {
        return regionAdditions;
    }

    public CodeList departments() {
        return departments;
    }

    public CodeList projectTypes() {
        return projectTypes;
    }

    /** Regions no longer offered for new codes (abolished, placeholders, never GB/T 2260), with why. */
    public CodeList retiredRegions() {
        return retiredRegions;
    }
}
