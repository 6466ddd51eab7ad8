package cn.approvalbridge.hub.partners.projectapproval;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.platform.directory.Departments;

/**
 * The approval catalogue the process-definition tables are written from (hub.staging.process, hub.staging.items): the
 * local approval process (SPGL_DFXMSPLCXXB), its stages (SPGL_DFXMSPLCJDXXB) and the items of each stage
 * (SPGL_DFXMSPLCJDSXXXB). Their rows go ahead of every item row (a province marks an item row failed when its
 * process or item version is missing), each under a DFSJZJ naming the version, so a new version adds rows and the
 * old version's stay for the rows that refer to it. An item the catalogue does not hold is described from the
 * department's item list (version 1.0).
 */
@ApplicationScoped
public class StagingCatalogue {

    /** One item of the catalogue. */
    record Item(String code, BigDecimal version, String name, int stage, String departmentCode, String departmentName,
            int timeLimitDays, String standardCode, boolean commitment, boolean milestone, List<String> prerequisites) {
    }

    @Inject
    StagingConfig config;
    @Inject
    StagingRows rows;
    @Inject
    Departments departments;

    /** The catalogue's item {@code code}, or one described from the department's list. */
    Item item(String code, String name, String stageName, String dept, int timeLimitDays) {
        StagingConfig.Item c = config.items().get(code);
        if (c != null) {
            return configured(code, c);
        }
        return new Item(code, BigDecimal.ONE.setScale(1), name, SpglCodes.stage(stageName), dept, departmentName(dept),
                timeLimitDays, null, false, false, List.of());
    }

    /** The item as far as a later state change needs it (its code, version and department). */
    Item known(String code, String dept) {
        StagingConfig.Item c = config.items().get(code);
        return c != null ? configured(code, c) : item(code, code, "", dept, 0);
    }

    private static Item configured(String code, StagingConfig.Item c) {
        return new Item(code, c.version(), c.name(), c.stage(), c.departmentCode(), c.departmentName(),
                c.timeLimitDays(), c.standardCode().orElse(null), c.commitment(), c.milestone(),
                c.prerequisites().orElse(List.of()));
    }

    private String departmentName(String dept) {
        return dept != null && departments.isKnown(dept) ? departments.name(dept) : String.valueOf(dept);
    }

    /** The rows of the process, the item's stage and the item, ahead of the item's own rows. */
    List<String> definitionRows(Item item) {
        StagingConfig.Process p = config.process();
        String version = p.code() + "-" + p.version().toPlainString();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("DFSJZJ", rows.key("LC", version));
        process.put("SPLCBM", p.code());
        process.put("SPLCBBH", p.version());
        process.put("SPLCMC", p.name());
        process.put("SPLCLX", p.type());
        process.put("SPLCSM", p.description().orElse(null));
        process.put("SPLCSXSJ", p.effectiveFrom() + "T00:00:00");
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("DFSJZJ", rows.key("JD", version + "-" + item.stage()));
        stage.put("SPLCBM", p.code());
        stage.put("SPLCBBH", p.version());
        stage.put("SPJDXH", item.stage());
        stage.put("SPJDBM", p.code() + "-" + item.stage());
        stage.put("SPJDMC", SpglCodes.STAGE_NAMES.get(item.stage()));
        stage.put("DYBZSPJDXH", item.stage());
        Map<String, Object> it = new LinkedHashMap<>();
        it.put("DFSJZJ", rows.key("SX", version + "-" + item.code() + "-" + item.version().toPlainString()));
        it.put("SPLCBM", p.code());
        it.put("SPLCBBH", p.version());
        it.put("SPJDXH", item.stage());
        it.put("SPSXBM", item.code());
        it.put("SPSXBBH", item.version());
        it.put("SPSXMC", item.name());
        it.put("DYBZSPSXBM", item.standardCode());
        it.put("SFLCBSX", item.milestone() ? 1 : 0);
        it.put("SFSXGZCNZ", item.commitment() ? 1 : 0);
        it.put("SPSXBLSX", item.timeLimitDays());
        it.put("SPBMBM", item.departmentCode());
        it.put("SPBMMC", item.departmentName());
        it.put("QZSPSXBM", item.prerequisites().isEmpty() ? null : String.join(",", item.prerequisites()));
        return List.of(rows.row(StagingRows.PROCESS, null, process), rows.row(StagingRows.STAGE, null, stage),
                rows.row(StagingRows.STAGE_ITEM, null, it));
    }
}
