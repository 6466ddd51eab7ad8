package cn.approvalbridge.hub.projectview;

import io.quarkus.qute.TemplateData;

/** What the project unit must do next ({@code unitActs}), or that it need not act and who answers by when. */
@TemplateData
public record NextAction(boolean unitActs, String text, String dueBy) {
}
