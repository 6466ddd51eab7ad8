package cn.approvalbridge.hub.approval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import cn.approvalbridge.hub.approval.ApprovalRecords.Document;
import cn.approvalbridge.hub.approval.ItemLists.NewItem;
import cn.approvalbridge.support.JsonInput;

/** The parts of the steps 4-7 bodies that are more than a text field, read so that one 400 names every bad field. */
final class ApprovalInput {

    static final Pattern ITEM_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FILE_URL = Pattern.compile("(https?|oss|s3|sftp)://\\S+");
    private static final int MAX_DOCUMENTS = 200;

    private ApprovalInput() {
    }

    /** A department's list: its items, or none with {"notNeeded": true}. */
    record ItemList(boolean notNeeded, List<NewItem> items) {
    }

    static ItemList itemList(JsonNode tree, JsonInput in) {
        List<NewItem> items = new ArrayList<>();
        JsonNode notNeeded = tree.get("notNeeded");
        boolean none = notNeeded != null && notNeeded.isBoolean() && notNeeded.asBoolean();
        if (notNeeded != null && !notNeeded.isNull() && !notNeeded.isBoolean()) {
            in.add("notNeeded", "not_allowed", "true or absent");
        }
        JsonNode arr = tree.get("items");
        if (none) {
            if (arr != null && !arr.isNull() && !(arr.isArray() && arr.isEmpty())) {
                in.add("items", "not_allowed", "no items with notNeeded: true");
            }
        } else if (arr == null || arr.isNull()) {
            in.add("items", "required", "the required items, or {\"notNeeded\": true}");
        } else if (!arr.isArray()) {
            in.add("items", "not_an_array", "must be an array");
        } else if (arr.isEmpty()) {
            in.add("items", "empty", "at least one item, or {\"notNeeded\": true}");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                NewItem item = item(arr.get(i), "items[" + i + "]", seen, in);
                if (item != null) {
                    items.add(item);
                }
            }
        }
        return new ItemList(none, items);
    }

    private static NewItem item(JsonNode it, String p, Set<String> seen, JsonInput in) {
        if (!it.isObject()) {
            in.add(p, "not_an_object", "must be an object");
            return null;
        }
        String ic = in.matching(it, "itemCode", p + ".itemCode", 64, ITEM_CODE, "letters, digits, '-' or '_'");
        if (ic != null && !seen.add(ic)) {
            in.add(p + ".itemCode", "duplicate", "listed twice");
        }
        String name = in.text(it, "itemName", p + ".itemName", 200);
        Integer days = null;
        JsonNode d = it.get("timeLimitDays");
        if (d == null || d.isNull()) {
            in.add(p + ".timeLimitDays", "required", "working days");
        } else if (!d.isIntegralNumber()) {
            in.add(p + ".timeLimitDays", "not_a_number", "a whole number of working days");
        } else if (d.asInt() < 1 || d.asInt() > 120) {
            in.add(p + ".timeLimitDays", "must_be_positive", "1 to 120 working days");
        } else {
            days = d.asInt();
        }
        String stage = in.text(it, "stage", p + ".stage", 20);
        if (stage != null && !ApprovalItems.STAGES.contains(stage)) {
            in.add(p + ".stage", "not_allowed", String.join(" | ", ApprovalItems.STAGES));
        }
        List<String> pre = new ArrayList<>();
        JsonNode pr = it.get("prerequisites");
        if (pr != null && !pr.isNull()) {
            if (!pr.isArray()) {
                in.add(p + ".prerequisites", "not_an_array", "item codes");
            } else {
                for (int k = 0; k < pr.size(); k++) {
                    if (!isItemCode(pr.get(k))) {
                        in.add(p + ".prerequisites[" + k + "]", "format", "an item code");
                    } else if (pr.get(k).asText().equals(ic)) {
                        in.add(p + ".prerequisites[" + k + "]", "not_allowed", "an item cannot precede itself");
                    } else {
                        pre.add(pr.get(k).asText());
                    }
                }
            }
        }
        return ic != null && name != null && days != null && stage != null ? new NewItem(ic, name, days, stage, pre) : null;
    }

    /** The items a submission hands in materials for; none: every item awaiting materials. */
    static List<String> itemCodes(JsonNode tree, JsonInput in) {
        List<String> itemCodes = new ArrayList<>();
        JsonNode arr = tree.get("itemCodes");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                in.add("itemCodes", "not_an_array", "item codes; absent = every item awaiting materials");
            } else {
                for (int k = 0; k < arr.size(); k++) {
                    if (!isItemCode(arr.get(k))) {
                        in.add("itemCodes[" + k + "]", "format", "an item code");
                    } else {
                        itemCodes.add(arr.get(k).asText());
                    }
                }
            }
        }
        return itemCodes;
    }

    /**
     * The submission's documents (材料): each a name and where the department fetches it (the window's file store: an
     * http(s) URL or a store reference), for one item or, without itemCode, for every item of the submission.
     */
    static List<Document> documents(JsonNode arr, JsonInput in) {
        List<Document> out = new ArrayList<>();
        if (arr == null || arr.isNull()) {
            return out;
        }
        if (!arr.isArray()) {
            in.add("documents", "not_an_array", "the documents handed in: [{name, url, itemCode?}]");
            return out;
        }
        if (arr.size() > MAX_DOCUMENTS) {
            in.add("documents", "too_many", "at most " + MAX_DOCUMENTS + " documents per submission");
            return out;
        }
        for (int k = 0; k < arr.size(); k++) {
            String p = "documents[" + k + "]";
            JsonNode d = arr.get(k);
            if (!d.isObject()) {
                in.add(p, "not_an_object", "a document: {name, url, itemCode?}");
                continue;
            }
            String name = in.text(d, "name", p + ".name", 200);
            String url = in.matching(d, "url", p + ".url", 1000, FILE_URL,
                    "an http(s), oss, s3 or sftp URL of the window's file store");
            String item = null;
            JsonNode ic = d.get("itemCode");
            if (ic != null && !ic.isNull()) {
                if (!isItemCode(ic)) {
                    in.add(p + ".itemCode", "format", "an item code");
                } else {
                    item = ic.asText();
                }
            }
            out.add(new Document(name, url, item));
        }
        return out;
    }

    /** A department's decision on an item, and the text that goes with it. */
    record Decision(String itemCode, String decision, String text) {
    }

    /**
     * The body's itemCode and decision, one of the two this endpoint takes (null, with the error, otherwise), and the
     * optional text field {@code field} (at most {@code max} characters), required with decision {@code requiring}.
     */
    static Decision decision(JsonNode tree, JsonInput in, String one, String other, String field, int max,
            String requiring, String why) {
        String itemCode = in.text(tree, "itemCode", 64);
        String decision = in.text(tree, "decision", 16);
        if (decision != null && !decision.equals(one) && !decision.equals(other)) {
            in.add("decision", "not_allowed", one + " or " + other);
            decision = null;
        }
        String text = in.optionalText(tree, field, field, max);
        in.requiredWhen(requiring.equals(decision), text, field, why);
        return new Decision(itemCode, decision, text);
    }

    private static boolean isItemCode(JsonNode n) {
        return n.isTextual() && ITEM_CODE.matcher(n.asText()).matches();
    }
}
