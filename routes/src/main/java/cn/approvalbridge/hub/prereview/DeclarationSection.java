package cn.approvalbridge.hub.prereview;

/**
 * A part of every declaration's view, coded or not, that a later flow owns (the credit check gives "creditCheck"),
 * shown under its name without pre-review knowing that flow.
 */
public interface DeclarationSection {

    String name();

    Object view(String declarationId);
}
