package org.tradebench.ui.core.widgets;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The texts a table shows, row by row: what a view's tests and its copy action read.
 *
 * <pre>{@code
 * List<List<String>> shown = TableTexts.of(table, COLUMNS.size());   // [[BTC/USD, 65,000.0, ...], ...]
 * }</pre>
 *
 * <p>Display thread.
 */
public final class TableTexts {

    private TableTexts() {
    }

    /**
     * The cell texts of the first {@code columns} columns, row by row, as shown.
     *
     * @param table the table
     * @param columns how many columns to read (a trailing filler column is left out)
     * @return one immutable list of texts per row
     */
    public static List<List<String>> of(Table table, int columns) {
        java.util.Objects.requireNonNull(table, "table");
        List<List<String>> result = new ArrayList<>(table.getItemCount());
        for (TableItem item : table.getItems()) {
            List<String> cells = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                cells.add(item.getText(c));
            }
            result.add(List.copyOf(cells));
        }
        return List.copyOf(result);
    }
}
