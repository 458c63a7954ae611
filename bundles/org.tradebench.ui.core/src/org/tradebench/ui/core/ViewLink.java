package org.tradebench.ui.core;

import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuCreator;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;

/**
 * A view's link to an {@link InstrumentLinkGroup}, chosen by the user: a colour button in the view's
 * toolbar (a click moves the view to the next colour, the arrow lists them all and "Unlinked"), the
 * group's colour as the view's tab image, and the choice kept in the view's memento across
 * restarts.
 *
 * <pre>{@code
 * public void init(IViewSite site, IMemento memento) throws PartInitException {
 *     super.init(site, memento);
 *     link = ViewLink.restore(memento);                  // the saved group, else Default
 * }
 * public void createPartControl(Composite parent) {
 *     ...
 *     binding = new MyBinding(panel, tracker, link.member());  // follows whatever group is chosen
 *     link.install(getViewSite(), this::setTitleImage);
 * }
 * public void saveState(IMemento memento) { link.saveState(memento); ... }
 * public void dispose() { link.close(); ... }
 * }</pre>
 *
 * <p>The binding is given the {@linkplain InstrumentLinkGroup#member(InstrumentLinkGroup) member}
 * handle once; moving the view to another group tells the member's listeners the new group's
 * instrument, so the binding follows without being rebuilt. Display thread only.
 *
 * @since 0.3
 */
public final class ViewLink implements AutoCloseable {

    /** The memento key holding the group's name (or {@code "unlinked"}). */
    public static final String MEMENTO_KEY = "linkGroup";

    private static final String UNLINKED = "unlinked";
    private static final int ICON_SIZE = 12;

    // the links of the open views, by part, so that a command can act on the active view's group
    private static final java.util.Map<org.eclipse.ui.IWorkbenchPart, ViewLink> BY_PART = new java.util.WeakHashMap<>();

    private final InstrumentLinkGroup member;
    private org.eclipse.ui.IWorkbenchPart part;
    private Action button;
    private Consumer<Image> titleImage;
    private Image shownTitle;
    private boolean closed;

    private ViewLink(InstrumentLinkGroup initial) {
        this.member = InstrumentLinkGroup.member(initial);
    }

    /**
     * The link saved in a view's memento.
     *
     * @param memento the view's memento, or null on first open
     * @return a link to the saved group, or to {@link InstrumentLinkGroup#DEFAULT}
     */
    public static ViewLink restore(IMemento memento) {
        String name = memento == null ? null : memento.getString(MEMENTO_KEY);
        return new ViewLink(resolve(name));
    }

    /**
     * A link to a group, for views made in code and tests.
     *
     * @param group the group to belong to first
     * @return the link
     */
    public static ViewLink to(InstrumentLinkGroup group) {
        return new ViewLink(Objects.requireNonNull(group, "group"));
    }

    private static InstrumentLinkGroup resolve(String name) {
        if (name == null || name.isBlank()) {
            return InstrumentLinkGroup.DEFAULT;
        }
        if (name.equals(UNLINKED)) {
            return InstrumentLinkGroup.unlinked();
        }
        try {
            return InstrumentLinkGroup.named(name);
        } catch (IllegalArgumentException reserved) {
            return InstrumentLinkGroup.DEFAULT;
        }
    }

    /**
     * The handle to give the view's binding: it behaves as the group the view belongs to now.
     *
     * @return the member handle, the same for the life of the view
     */
    public InstrumentLinkGroup member() {
        return member;
    }

    /**
     * Moves the view to another group: its binding follows the group's instrument (or brings its
     * own to a group that shows none yet), the button and the tab show the new colour.
     *
     * @param group a {@linkplain InstrumentLinkGroup#standard() standard} group, a named one, or a
     *        new {@linkplain InstrumentLinkGroup#unlinked() unlinked} one
     */
    public void join(InstrumentLinkGroup group) {
        member.join(group);
        refresh();
    }

    /**
     * Adds the colour button to the view's toolbar and shows the colour as the view's tab image.
     *
     * @param site the view's site
     * @param titleImage the view's {@code setTitleImage} (pass {@code this::setTitleImage})
     */
    public void install(IViewSite site, Consumer<Image> titleImage) {
        this.titleImage = Objects.requireNonNull(titleImage, "titleImage");
        part = site.getPart();
        BY_PART.put(part, this);
        button = new Action("Link group", IAction.AS_DROP_DOWN_MENU) {
            @Override
            public void run() {
                join(next());
            }
        };
        button.setMenuCreator(new GroupMenu());
        site.getActionBars().getToolBarManager().add(button);
        site.getActionBars().updateActionBars();
        refresh();
    }

    /**
     * Saves the group's name in the view's memento.
     *
     * @param memento the view's memento
     */
    public void saveState(IMemento memento) {
        memento.putString(MEMENTO_KEY, member.isUnlinked() ? UNLINKED : member.name());
    }

    /** Leaves the group and disposes the tab image. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (part != null) {
            BY_PART.remove(part);
        }
        if (shownTitle != null) {
            shownTitle.dispose();
            shownTitle = null;
        }
    }

    /**
     * The tooltip of the colour button, for tests.
     *
     * @return for example "Link group: Red (click for the next colour)"
     */
    public String describe() {
        return "Link group: " + member.label() + (member.isUnlinked() ? " (follows nobody)" : "");
    }

    /**
     * The group a view belongs to, for commands that act on the active view's group (the
     * switch-instrument key).
     *
     * @param part a workbench part, or null
     * @return the member handle of the part's link, or {@link InstrumentLinkGroup#DEFAULT} for a part
     *         without one
     */
    public static InstrumentLinkGroup groupOf(org.eclipse.ui.IWorkbenchPart part) {
        ViewLink link = part == null ? null : BY_PART.get(part);
        return link == null ? InstrumentLinkGroup.DEFAULT : link.member;
    }

    private InstrumentLinkGroup next() {
        var groups = InstrumentLinkGroup.standard();
        int at = groups.indexOf(member.group());
        return groups.get((at + 1) % groups.size()); // an unlinked or named group goes to the first
    }

    private void refresh() {
        if (button == null || closed) {
            return;
        }
        ImageDescriptor icon = icon(member.rgb().orElse(null));
        button.setImageDescriptor(icon);
        button.setToolTipText(describe() + " (click for the next colour)");
        Image image = icon.createImage(false);
        if (image != null) {
            titleImage.accept(image);
            if (shownTitle != null) {
                shownTitle.dispose();
            }
            shownTitle = image;
        }
    }

    /**
     * A square in a group's colour, outlined; a crossed-out empty square for no colour (unlinked).
     *
     * @param rgb the colour, or null
     * @return a descriptor that needs no disposing
     */
    public static ImageDescriptor icon(RGB rgb) {
        return ImageDescriptor.createFromImageDataProvider(zoom -> {
            int size = Math.max(1, ICON_SIZE * zoom / 100);
            ImageData data = new ImageData(size, size, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
            data.alphaData = new byte[size * size];
            int edge = 0x303030;
            int fill = rgb == null ? 0 : (rgb.red << 16) | (rgb.green << 8) | rgb.blue;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean border = x == 0 || y == 0 || x == size - 1 || y == size - 1;
                    boolean diagonal = rgb == null && Math.abs(x - (size - 1 - y)) <= Math.max(0, zoom / 100 - 1);
                    boolean opaque = border || diagonal || rgb != null;
                    data.setPixel(x, y, border || diagonal ? edge : fill);
                    data.alphaData[y * size + x] = (byte) (opaque ? 255 : 0);
                }
            }
            return data;
        });
    }

    private final class GroupMenu implements IMenuCreator {
        private MenuManager manager;

        @Override
        public Menu getMenu(Control parent) {
            dispose();
            manager = new MenuManager();
            for (InstrumentLinkGroup g : InstrumentLinkGroup.standard()) {
                manager.add(choice(g.label(), g.rgb().orElse(null), member.group() == g, () -> join(g)));
            }
            manager.add(new Separator());
            manager.add(choice("Unlinked", null, member.isUnlinked(),
                    () -> join(InstrumentLinkGroup.unlinked())));
            return manager.createContextMenu(parent);
        }

        @Override
        public Menu getMenu(Menu parent) {
            return null;
        }

        @Override
        public void dispose() {
            if (manager != null) {
                manager.dispose();
                manager = null;
            }
        }

        private IAction choice(String label, RGB rgb, boolean checked, Runnable run) {
            Action a = new Action(label, IAction.AS_RADIO_BUTTON) {
                @Override
                public void run() {
                    if (isChecked()) {
                        run.run();
                    }
                }
            };
            a.setImageDescriptor(icon(rgb));
            a.setChecked(checked);
            return a;
        }
    }
}
