package cn.approvalbridge.hub.supervision;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import cn.approvalbridge.hub.platform.api.Bodies;
import cn.approvalbridge.hub.prereview.Declaration;
import cn.approvalbridge.support.JsonInput;

/**
 * The ledger's query string, checked as a body is: every bad parameter named at once (400), nothing read. Null: no
 * filter on it.
 */
public record LedgerQuery(String step, String department, Boolean overdue, String projectClass, String projectList,
        String keyProject, LocalDate declaredFrom, LocalDate declaredTo, String q, int page, int size, String sort,
        boolean descending) {

    public static final int MAX_SIZE = 500;
    public static final Set<String> STEPS = Set.of("PRE_REVIEW", "CODE_ASSIGNMENT", "PARALLEL_PRELIMINARY_REVIEW",
            "WINDOW_ACCEPTANCE", "APPROVAL", "COMPLETED");
    public static final List<String> SORTS = List.of("declaredAt", "dueBy", "daysLeft", "projectName", "projectCode",
            "declarationId", "overdueItems");

    /** {@code knownDepartments}: the directory's codes. */
    public static LedgerQuery parse(String step, String department, String overdue, String projectClass,
            String projectList, String keyProject, String declaredFrom, String declaredTo, String q, String page,
            String size, String sort, Set<String> knownDepartments) {
        JsonInput in = new JsonInput();
        step = oneOf(in, "step", step, STEPS);
        department = oneOf(in, "department", department, knownDepartments);
        Boolean od = null;
        if (present(overdue)) {
            if (overdue.equals("true") || overdue.equals("false")) {
                od = Boolean.valueOf(overdue);
            } else {
                in.add("overdue", "format", "true or false");
            }
        }
        projectClass = oneOf(in, "projectClass", projectClass, Declaration.PROJECT_CLASSES);
        projectList = oneOf(in, "projectList", projectList, Declaration.PROJECT_LISTS);
        keyProject = oneOf(in, "keyProject", keyProject, Declaration.KEY_PROJECT_LEVELS);
        LocalDate from = date(in, "declaredFrom", declaredFrom);
        LocalDate to = date(in, "declaredTo", declaredTo);
        if (from != null && to != null && to.isBefore(from)) {
            in.add("declaredTo", "before_start", "must not be before declaredFrom");
        }
        if (present(q) && q.length() > 200) {
            in.add("q", "too_long", "at most 200 characters");
        }
        int p = number(in, "page", page, 1, Integer.MAX_VALUE, 1);
        int s = number(in, "size", size, 1, MAX_SIZE, 20);
        String by = "declaredAt";
        boolean desc = true;
        if (present(sort)) {
            desc = sort.startsWith("-");
            by = desc ? sort.substring(1) : sort;
            if (!SORTS.contains(by)) {
                in.add("sort", "not_allowed", "one of " + SORTS + ", '-' in front for descending");
            }
        }
        Bodies.check(in);
        return new LedgerQuery(step, department, od, projectClass, projectList, keyProject, from, to,
                present(q) ? q.strip() : null, p, s, by, desc);
    }

    static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    private static String oneOf(JsonInput in, String name, String v, Set<String> allowed) {
        if (!present(v)) {
            return null;
        }
        if (!allowed.contains(v)) {
            in.add(name, "not_allowed", "one of " + new java.util.TreeSet<>(allowed));
            return null;
        }
        return v;
    }

    private static LocalDate date(JsonInput in, String name, String v) {
        if (!present(v)) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v);
            if (d.getYear() < JsonInput.MIN_YEAR || d.getYear() > JsonInput.MAX_YEAR) {
                in.add(name, "out_of_range", "a day between " + JsonInput.MIN_YEAR + " and " + JsonInput.MAX_YEAR);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            in.add(name, "format", "YYYY-MM-DD");
            return null;
        }
    }

    private static int number(JsonInput in, String name, String v, int min, int max, int dflt) {
        if (!present(v)) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                in.add(name, "out_of_range", "from " + min + " to " + max);
                return dflt;
            }
            return n;
        } catch (NumberFormatException e) {
            in.add(name, "not_a_number", "a whole number from " + min + " to " + max);
            return dflt;
        }
    }
}
