package org.shuxiang;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real records written by others, in {@code ../shared/data} beside the project. A fresh clone has
 * none: tests that use them are skipped there, not failed.
 */
public final class SharedData {

    private static final Path ROOT = Path.of("..", "shared", "data");

    private SharedData() {
    }

    /** The file, or the calling test is skipped when the shared data is absent. */
    public static Path file(String relative) {
        Path path = ROOT.resolve(relative);
        assumeTrue(Files.isRegularFile(path), "shared test data absent: " + path);
        return path;
    }
}
