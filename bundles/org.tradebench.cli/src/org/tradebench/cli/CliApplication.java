package org.tradebench.cli;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The Equinox application {@code org.tradebench.cli.application}: takes the application arguments
 * and runs {@link Cli}; the exit status becomes the process's.
 *
 * <pre>
 * java -jar plugins/org.eclipse.equinox.launcher_*.jar -application org.tradebench.cli.application \
 *      decode --exchange bitfinex &lt; frames.txt
 * </pre>
 *
 * <p>Started by the framework on the launcher's thread.
 */
public final class CliApplication implements IApplication {

    /** Created by the extension registry. */
    public CliApplication() {
    }

    @Override
    public Object start(IApplicationContext context) {
        Object args = context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        int status = Cli.run(args instanceof String[] a ? a : new String[0], System.in, System.out, System.err);
        System.out.flush();
        return Integer.valueOf(status);
    }

    @Override
    public void stop() {
        // Commands read to the end of their input; the framework stopping us ends the process.
    }
}
