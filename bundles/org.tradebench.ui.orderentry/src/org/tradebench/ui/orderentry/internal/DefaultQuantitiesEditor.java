package org.tradebench.ui.orderentry.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.preference.FieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.tradebench.ui.core.DefaultQuantities;

/**
 * The per-symbol default quantities on the order entry preference page: a table (symbol, quantity),
 * a symbol and a quantity field to add or change a row (checked: a positive decimal, with a clear
 * error), and Remove. Saved as {@link DefaultQuantities#format()}. Display thread.
 */
public final class DefaultQuantitiesEditor extends FieldEditor {

    private final Map<String, BigDecimal> rows = new LinkedHashMap<>();
    private Composite body;
    private Table table;
    private Text symbol;
    private Text quantity;
    private Button put;
    private Button remove;

    /**
     * @param name the preference key
     * @param labelText the label above the table
     * @param parent the page's field-editor parent
     */
    public DefaultQuantitiesEditor(String name, String labelText, Composite parent) {
        init(name, labelText);
        createControl(parent);
    }

    @Override
    protected void adjustForNumColumns(int numColumns) {
        ((GridData) getLabelControl().getLayoutData()).horizontalSpan = numColumns;
        ((GridData) body.getLayoutData()).horizontalSpan = numColumns;
    }

    @Override
    protected void doFillIntoGrid(Composite parent, int numColumns) {
        Label label = getLabelControl(parent);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, numColumns, 1));
        body = new Composite(parent, SWT.NONE);
        GridLayout g = new GridLayout(5, false);
        g.marginWidth = 0;
        body.setLayout(g);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, numColumns, 1));

        table = new Table(body, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1);
        td.heightHint = 110;
        table.setLayoutData(td);
        TableColumn s = new TableColumn(table, SWT.LEFT);
        s.setText("Symbol");
        s.setWidth(160);
        TableColumn q = new TableColumn(table, SWT.RIGHT);
        q.setText("Quantity");
        q.setWidth(120);
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0) {
                symbol.setText(table.getItem(i).getText(0));
                quantity.setText(table.getItem(i).getText(1));
            }
            remove.setEnabled(i >= 0);
        });

        symbol = new Text(body, SWT.BORDER | SWT.SINGLE);
        symbol.setMessage("symbol, e.g. BTC/USD");
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sd.widthHint = 120;
        symbol.setLayoutData(sd);
        quantity = new Text(body, SWT.BORDER | SWT.SINGLE | SWT.RIGHT);
        quantity.setMessage("quantity");
        GridData qd = new GridData(SWT.FILL, SWT.CENTER, false, false);
        qd.widthHint = 80;
        quantity.setLayoutData(qd);
        put = new Button(body, SWT.PUSH);
        put.setText("Add / Change");
        put.addListener(SWT.Selection, e -> putRow());
        quantity.addListener(SWT.DefaultSelection, e -> putRow());
        remove = new Button(body, SWT.PUSH);
        remove.setText("Remove");
        remove.setEnabled(false);
        remove.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0) {
                rows.remove(table.getItem(i).getText(0));
                show();
            }
        });
        new Label(body, SWT.NONE);
    }

    /** Adds or changes the row the two fields say, or shows why not. */
    void putRow() {
        String s = symbol.getText().strip();
        if (s.isEmpty() || s.contains(";") || s.contains("=")) {
            showErrorMessage("Default quantity: enter the instrument's symbol, such as BTC/USD");
            return;
        }
        Optional<String> bad = DefaultQuantities.check(quantity.getText());
        if (bad.isPresent()) {
            showErrorMessage("Default quantity of " + s + ": " + bad.get());
            return;
        }
        clearErrorMessage();
        rows.put(s, new BigDecimal(quantity.getText().strip()).stripTrailingZeros());
        show();
        symbol.setText(""); // after the table is rebuilt: its selection event must not fill them again
        quantity.setText("");
    }

    private void show() {
        table.removeAll();
        rows.forEach((s, q) -> {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { s, q.toPlainString() });
        });
        table.deselectAll();
        remove.setEnabled(false);
    }

    @Override
    protected void doLoad() {
        load(getPreferenceStore().getString(getPreferenceName()));
    }

    @Override
    protected void doLoadDefault() {
        load(getPreferenceStore().getDefaultString(getPreferenceName()));
    }

    private void load(String saved) {
        rows.clear();
        rows.putAll(DefaultQuantities.parse(saved, "").bySymbol());
        if (table != null) {
            show();
        }
    }

    @Override
    protected void doStore() {
        getPreferenceStore().setValue(getPreferenceName(), new DefaultQuantities(rows, null).format());
    }

    @Override
    public int getNumberOfControls() {
        return 1;
    }

    // ------------------------------------------------------------------ for tests

    Text symbolField() {
        return symbol;
    }

    Text quantityField() {
        return quantity;
    }

    Table table() {
        return table;
    }
}
