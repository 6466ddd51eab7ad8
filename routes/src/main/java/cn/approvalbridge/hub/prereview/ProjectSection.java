package cn.approvalbridge.hub.prereview;

/**
 * A part of a coded project's view that a later flow owns (steps 4-7 give "approval"): the declaration's answer shows
 * every section under its name, without pre-review knowing the flows that come after it.
 */
public interface ProjectSection {

    /** The field of the declaration's view that holds this section. */
    String name();

    Object view(String projectCode);
}
