package igm.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ./igm} launcher, run on a copy of itself beside a fake {@code mvn} that writes a small jar slowly: a JVM
 * started from the old jar keeps working while another launch rebuilds it, two launches that find the jar missing build
 * it once, and a missing Maven is one message saying how to install it.
 */
class LauncherTest {

    /** The fake Maven: the jar named by -Digm.jarName (igm without it), copied from $FAKE_JAR, one build at a time. */
    private static final String FAKE_MAVEN = """
            #!/usr/bin/env bash
            set -eu
            name=igm
            for a in "$@"; do case "$a" in -Digm.jarName=*) name="${a#-Digm.jarName=}";; esac; done
            mkdir -p target
            mkdir target/fake-build-running || { echo "two builds at once" >&2; exit 1; }
            echo "$name" >> target/builds.log
            sleep 1
            cp "$FAKE_JAR" "target/$name.jar"
            cp "$FAKE_JAR" "target/original-$name.jar"
            rmdir target/fake-build-running
            """;

    @TempDir
    Path dir;

    private Path root;
    private Path bin;
    private Path jarV1;
    private Path jarV2;

    @BeforeEach
    void layout() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "no bash: the launcher is a bash script");
        Assumptions.assumeTrue(ToolProvider.getSystemJavaCompiler() != null, "no Java compiler");
        root = Files.createDirectories(dir.resolve("igm"));
        Files.copy(Path.of("igm"), root.resolve("igm"));
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(Path.of("scripts", "java-env.sh"), root.resolve("scripts", "java-env.sh"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("src/main"));
        Files.writeString(root.resolve("src/main/Source.java"), "class Source {}\n");
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("mvn"), FAKE_MAVEN);
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
        jarV1 = program("v1", 0);
        jarV2 = program("v2", 200_000);
    }

    @Test
    void aRunningJvmKeepsItsJarWhileAnotherLaunchRebuildsIt() throws Exception {
        Path jar = Files.createDirectories(root.resolve("target")).resolve("igm.jar");
        Files.copy(jarV1, jar);
        FileTime built = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(built.toMillis() - 60_000));
        Files.setLastModifiedTime(root.resolve("src/main/Source.java"), FileTime.fromMillis(built.toMillis() - 60_000));
        Path go = dir.resolve("go");

        Process first = launch(bin + ":" + System.getenv("PATH"), jarV1, "wait", go.toString());
        BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        do {
            line = firstOut.readLine();
        } while (line != null && !line.equals("started"));
        assertEquals("started", line, "the first JVM runs the old jar");

        Files.setLastModifiedTime(root.resolve("src/main/Source.java"), FileTime.fromMillis(built.toMillis() + 60_000));
        Process second = launch(bin + ":" + System.getenv("PATH"), jarV2, "now");
        String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue(), secondOut);
        assertTrue(secondOut.contains("later from v2"), "the second launch rebuilt the jar: " + secondOut);

        Files.writeString(go, "go");
        String rest = String.join("\n", firstOut.lines().toList());
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), rest);
        assertTrue(rest.contains("later from v1"), "a class loaded after the rebuild comes from the old jar: " + rest);
        assertTrue(Files.notExists(root.resolve("target/igm-build-" + second.pid() + ".jar")));
    }

    @Test
    void twoFirstLaunchesAtOnceBuildOnceAndBothRun() throws Exception {
        List<Process> launches = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            launches.add(launch(bin + ":" + System.getenv("PATH"), jarV1, "now"));
        }
        for (Process p : launches) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("later from v1"), out);
        }
        List<String> builds = Files.readAllLines(root.resolve("target/builds.log"));
        assertEquals(1, builds.size(), "one build, under the lock: " + builds);
        assertTrue(builds.getFirst().startsWith("igm-build-"), "built under a temporary name: " + builds);
        try (var files = Files.list(root.resolve("target"))) {
            assertEquals(List.of(".igm-build.lock", "builds.log", "igm.jar"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void withoutMavenTheLauncherSaysHowToInstallIt() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "env", "dirname", "sed", "find", "mkdir", "flock", "mktemp", "grep", "rm",
                "mv", "cat")) {
            for (String folder : List.of("/usr/bin", "/bin")) {
                Path t = Path.of(folder, tool);
                if (Files.isExecutable(t)) {
                    Files.createSymbolicLink(tools.resolve(tool), t);
                    break;
                }
            }
        }
        Process p = launch(tools.toString(), jarV1, "now");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("Maven (mvn) is needed") && out.contains("apt-get install maven")
                && out.contains("sdk install maven"), out);
        assertTrue(Files.notExists(root.resolve("target/igm.jar")));
    }

    /**
     * Starts {@code igm args…} of the copy with {@code path} as PATH, the fake Maven building {@code built}; stderr
     * joins stdout.
     */
    private Process launch(String path, Path built, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("igm").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", path);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("FAKE_JAR", built.toString());
        env.remove("IGM_JAVA_OPTS");
        root.resolve("igm").toFile().setExecutable(true);
        return pb.start();
    }

    /**
     * A runnable jar: its main prints "started", waits for the file {@code args[1]} when {@code args[0]} is "wait",
     * then loads another class of the jar, which prints "later from VERSION"; {@code padding} bytes of a resource make
     * the versions' layouts differ.
     */
    private Path program(String version, int padding) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + version));
        Path classes = Files.createDirectories(dir.resolve("classes-" + version));
        Files.writeString(src.resolve("Main.java"), """
                public class Main {
                    public static void main(String[] args) throws Exception {
                        System.out.println("started");
                        System.out.flush();
                        if (args.length > 1 && args[0].equals("wait")) {
                            java.nio.file.Path go = java.nio.file.Path.of(args[1]);
                            while (!java.nio.file.Files.exists(go)) {
                                Thread.sleep(50);
                            }
                        }
                        Later.say();
                    }
                }
                """);
        Files.writeString(src.resolve("Later.java"), """
                public class Later {
                    static void say() {
                        System.out.println("later from %s");
                    }
                }
                """.formatted(version));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), src.resolve("Main.java").toString(),
                src.resolve("Later.java").toString());
        assertEquals(0, code, "compiling the test program");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        Path jar = dir.resolve("program-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (padding > 0) {
                out.putNextEntry(new JarEntry("padding.bin"));
                out.write(new byte[padding]);
                out.closeEntry();
            }
            for (String name : List.of("Main.class", "Later.class")) {
                out.putNextEntry(new JarEntry(name));
                try (var in = Files.newInputStream(classes.resolve(name))) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
