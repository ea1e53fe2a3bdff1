package dev.lamina.bench;

import java.util.List;
import java.util.Locale;

/** A plain SVG bar chart: one panel per list of bars, each bar its value and its label. */
final class Chart {
    record Bar(String label, double value) {
    }

    record Panel(String title, String unit, List<Bar> bars) {
    }

    private static final int WIDTH = 760;
    private static final int LABEL = 300;
    private static final int ROW = 22;

    private Chart() {
    }

    static String svg(String title, List<Panel> panels) {
        StringBuilder s = new StringBuilder();
        int height = 40 + panels.stream().mapToInt(p -> 40 + p.bars().size() * ROW).sum();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        s.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        s.append(String.format("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(title)));
        int y = 40;
        for (Panel panel : panels) {
            s.append(String.format("<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s (%s)</text>%n", y + 16,
                    escape(panel.title()), escape(panel.unit())));
            y += 26;
            double max = panel.bars().stream().mapToDouble(Bar::value).max().orElse(1);
            for (Bar bar : panel.bars()) {
                double w = (WIDTH - LABEL - 90) * bar.value() / max;
                s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 14, escape(bar.label())));
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>%n",
                        LABEL, y + 2, Math.max(1, w), bar.label().startsWith("Lamina") ? "#2b6cb0" : "#a0aec0"));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f</text>%n", LABEL + Math.max(1, w) + 6,
                        y + 14, bar.value()));
                y += ROW;
            }
            y += 14;
        }
        return s.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
