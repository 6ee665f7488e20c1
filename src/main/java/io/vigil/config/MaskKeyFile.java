package io.vigil.config;

import io.vigil.model.Masking;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The per-installation key of masked secrets (DESIGN §3), from {@code secrets.maskKeyFile} or
 * {@code --mask-key-file}: the file's bytes, without surrounding whitespace (a mounted Secret or
 * {@code openssl rand -hex 32 > key} ends with a newline). Errors name the file and never show its content.
 */
public final class MaskKeyFile {
    /** Where {@code vigil watch} keeps a generated key, inside its data directory. */
    public static final String GENERATED_NAME = "mask.key";

    private static final int GENERATED_BYTES = 32;

    private MaskKeyFile() {}

    /** A key file that cannot be used; the message names the file and what is wrong. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    public static Masking read(Path file) throws Invalid {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Invalid("no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new Invalid("permission denied: " + file);
        } catch (IOException e) {
            throw new Invalid("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        byte[] key = strip(raw);
        if (key.length < Masking.MIN_KEY_BYTES) {
            throw new Invalid(file + " holds " + key.length + " bytes; a mask key needs at least "
                    + Masking.MIN_KEY_BYTES + " (e.g. openssl rand -hex 32 > " + file.getFileName() + ")");
        }
        return Masking.keyed(key);
    }

    /** The result of {@link #readOrCreate}: the masking and whether the key was generated just now. */
    public record Loaded(Masking masking, Path file, boolean generated) {}

    /**
     * The key kept in {@code dataDir}, generated (32 random bytes, hex, mode 0600 where POSIX) when absent: masks
     * then stay the same across restarts on the same volume.
     */
    public static Loaded readOrCreate(Path dataDir) throws Invalid {
        Path file = dataDir.resolve(GENERATED_NAME);
        if (Files.exists(file)) {
            return new Loaded(read(file), file, false);
        }
        byte[] random = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(random);
        String hex = java.util.HexFormat.of().formatHex(random) + "\n";
        try {
            Files.createDirectories(dataDir);
            create(file);
            Files.writeString(file, hex, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            // another process created it between the check and here: use theirs
            return new Loaded(read(file), file, false);
        } catch (IOException e) {
            throw new Invalid("cannot create the mask key " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return new Loaded(read(file), file, true);
    }

    private static void create(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static byte[] strip(byte[] raw) {
        int from = 0;
        int to = raw.length;
        while (from < to && Character.isWhitespace(raw[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(raw[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(raw, from, to);
    }
}
