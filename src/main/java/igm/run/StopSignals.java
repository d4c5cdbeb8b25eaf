package igm.run;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIGINT (Ctrl-C) and SIGTERM during a run: the first one only sets a flag, which the time loop reads after each step
 * ({@link igm.io.CheckpointWriter}) to write a checkpoint and stop; a second one stops the process at once, without a
 * checkpoint.
 *
 * <p>Handlers of {@code sun.misc.Signal} (module {@code jdk.unsupported}, present in every JDK) rather than a
 * shutdown hook: a hook runs only once the JVM is already exiting, and would have to hold the exit until another
 * thread has finished its step and written the checkpoint, while {@code Main.main} also calls {@code System.exit};
 * with a handler the JVM does not start exiting, the run stops between two steps like any other run, and the exit
 * code is returned normally: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM, as shells report a process
 * ended by a signal). Where a signal cannot be handled (a JVM started with {@code -Xrs}) its default action stays.
 * {@link #close()} puts the previous handlers back.
 */
public final class StopSignals implements AutoCloseable {

    private static final String[] NAMES = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private StopSignals() {
    }

    /** Installs the handlers of SIGINT and SIGTERM. */
    public static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, signals::handle));
            } catch (IllegalArgumentException e) {
                // the JVM does not let this signal be handled (-Xrs, or the platform lacks it): default action
            }
        }
        return signals;
    }

    private void handle(Signal signal) {
        if (received != null) {
            System.err.println("igm: second signal (SIG" + signal.getName() + "): stopping at once, without a "
                    + "checkpoint");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        received = signal;
    }

    /** Whether a signal has been received. */
    public boolean received() {
        return received != null;
    }

    /** The name of the received signal, e.g. {@code SIGTERM}; {@code null} when none. */
    public String name() {
        Signal s = received;
        return s == null ? null : "SIG" + s.getName();
    }

    /** The exit code of a run stopped by the received signal: 128 + its number (130 SIGINT, 143 SIGTERM). */
    public int exitCode() {
        Signal s = received;
        return s == null ? 0 : 128 + s.getNumber();
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        for (Map.Entry<Signal, SignalHandler> e : previous.entrySet()) {
            Signal.handle(e.getKey(), e.getValue());
        }
        previous.clear();
    }
}
