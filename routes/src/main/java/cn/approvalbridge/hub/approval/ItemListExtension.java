package cn.approvalbridge.hub.approval;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.support.JsonInput;

/**
 * What a later flow reads from a department's item list beyond the items themselves (the commitment flow: which items
 * allow a commitment, their follow-up check limits, the materials that may come later), so that step 4 need not know
 * it. It is checked with the rest of the body (one 400 names every bad field) and stored in the list's transaction.
 */
public interface ItemListExtension {

    /** The extension's part of the list, checked into {@code in}; null when the list says nothing of it. */
    Object read(JsonNode list, JsonInput in);

    /** Stores what {@link #read} returned (never null here) with the list of project {@code projectCode}. */
    void store(Connection c, String projectCode, Object read) throws SQLException;

    /** Its field in the list's canonical body (a list with other terms is another list). */
    String field();
}
