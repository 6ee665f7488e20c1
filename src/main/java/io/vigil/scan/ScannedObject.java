package io.vigil.scan;

import io.vigil.model.KubeObject;
import java.util.Map;

/**
 * An object read from a manifest, with the line of every node of its document (JSON pointer -> line);
 * {@code pointer} locates the object inside that document (non-empty for List items).
 */
public record ScannedObject(KubeObject object, String pointer, Map<String, Integer> lines) {}
