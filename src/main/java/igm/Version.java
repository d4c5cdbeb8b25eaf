package igm;

/** The program's name and version, recorded in every output. */
public final class Version {

    /** Program name as written into outputs. */
    public static final String NAME = "igm-jvm";

    private Version() {
    }

    /** The version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** "igm-jvm VERSION". */
    public static String full() {
        return NAME + " " + version();
    }
}
