package igm.io;

import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.XYChart;

/** The plain look shared by the program's line charts: white backgrounds, light grid lines, plain axis titles. */
final class ChartStyle {

    private ChartStyle() {
    }

    /** Applies the plain look to {@code chart} and returns it. */
    static XYChart plain(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart;
    }
}
