package cn.approvalbridge.hub.commitment;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import cn.approvalbridge.hub.prereview.ProjectSection;
import cn.approvalbridge.support.Db;

/** The "commitments" section of a coded project's view: its commitments, their checks, and materials owed (容缺). */
@ApplicationScoped
public class CommitmentSection implements ProjectSection {

    @Inject
    Db db;
    @Inject
    Shortfalls shortfalls;

    @Override
    public String name() {
        return "commitments";
    }

    @Override
    public Object view(String code) {
        var all = db.read(c -> Db.list(c, Commitments.SELECT + " WHERE project_code = ? ORDER BY item_code",
                Commitments::row, code));
        return Map.of("commitments", CommitmentBoard.ofProject(all), "shortfalls", shortfalls.ofProject(code));
    }
}
