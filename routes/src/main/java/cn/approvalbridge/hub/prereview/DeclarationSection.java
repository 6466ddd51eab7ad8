package cn.approvalbridge.hub.prereview;

/**
 * A part of every declaration's view, coded or not, that a later flow owns (the supervision chase gives "supervision":
 * a department can be chased before the project has its code). The declaration's answer shows it under its name.
 */
public interface DeclarationSection {

    /** The field of the declaration's view that holds this section. */
    String name();

    Object view(String declarationId);
}
