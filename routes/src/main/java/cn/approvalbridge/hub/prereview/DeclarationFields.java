package cn.approvalbridge.hub.prereview;

import java.util.Map;

/**
 * Top-level fields of every declaration's view, coded or not, that a later flow owns (the whole-project limit gives
 * dueBy and daysLeft), without pre-review knowing the flows that come after it.
 */
public interface DeclarationFields {

    Map<String, Object> fields(Declarations.Row row);
}
