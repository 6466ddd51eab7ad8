package cn.approvalbridge.hub.console;

import java.util.List;

import cn.approvalbridge.hub.projectview.ZhFormat;

/**
 * The board's charts as server-rendered SVG: no script, no build step, printable. Each chart has a title and a
 * description (read by screen readers through aria-labelledby), every bar its value written beside it and a link to
 * the ledger filtered to it; the table under each chart carries the same numbers.
 */
final class SvgCharts {

    /** One bar: what it counts, the count, where the count is listed, and whether to mark it (bottom three). */
    record Bar(String label, double value, String valueText, String href, boolean marked) {

        static Bar of(String label, long value, String href, boolean marked) {
            return new Bar(label, value, ZhFormat.number(value), href, marked);
        }
    }

    private static final int WIDTH = 680;
    private static final int LABEL = 170;
    private static final int AREA = 400;
    private static final int ROW = 30;
    private static final int TOP = 8;

    private SvgCharts() {
    }

    /** Horizontal bars from the left, longest for the largest value ({@code max}: the scale's end, 0 for the largest). */
    static String bars(String id, String title, String desc, List<Bar> bars, double max) {
        double top = Math.max(max, bars.stream().mapToDouble(Bar::value).max().orElse(0));
        StringBuilder svg = open(id, title, desc, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double w = top <= 0 ? 0 : Math.max(b.value() > 0 ? 2 : 0, AREA * b.value() / top);
            bar(svg, b, i, LABEL, w, LABEL + w + 8);
        }
        return svg.append("</svg>").toString();
    }

    /** A funnel: each step's bar centred, as wide as its count against the widest step. */
    static String funnel(String id, String title, String desc, List<Bar> steps) {
        double top = steps.stream().mapToDouble(Bar::value).max().orElse(0);
        StringBuilder svg = open(id, title, desc, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Bar b = steps.get(i);
            double w = top <= 0 ? 0 : Math.max(b.value() > 0 ? 2 : 0, AREA * b.value() / top);
            bar(svg, b, i, LABEL + (AREA - w) / 2, w, LABEL + AREA + 8);
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String desc, int rows) {
        int height = TOP * 2 + Math.max(1, rows) * ROW;
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(esc(id))
                .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title ").append(esc(id))
                .append("-desc\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\"><title id=\"").append(esc(id))
                .append("-title\">").append(esc(title)).append("</title><desc id=\"").append(esc(id)).append("-desc\">")
                .append(esc(desc)).append("</desc>");
    }

    private static void bar(StringBuilder svg, Bar b, int row, double x, double w, double valueX) {
        int y = TOP + row * ROW;
        String fill = b.marked() ? "#a30000" : "#0b4f9c";
        svg.append("<g class=\"bar").append(b.marked() ? " marked" : "").append("\">");
        svg.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 19)
                .append("\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">").append(esc(b.label()))
                .append("</text>");
        if (b.href() != null) {
            svg.append("<a href=\"").append(esc(b.href())).append("\">");
        }
        svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 4).append("\" width=\"").append(fmt(w))
                .append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(fill).append("\"/>");
        svg.append("<text class=\"value\" x=\"").append(fmt(valueX)).append("\" y=\"").append(y + 19)
                .append("\" font-size=\"14\" font-weight=\"bold\" fill=\"").append(b.marked() ? "#a30000" : "#1a1a1a")
                .append("\">").append(esc(b.valueText())).append("</text>");
        if (b.href() != null) {
            svg.append("</a>");
        }
        svg.append("</g>");
    }

    private static String fmt(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
