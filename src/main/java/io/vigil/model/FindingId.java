package io.vigil.model;

/** The stable finding id of DESIGN §3: SHA-256 over cluster, check, group/kind, namespace, name and path. */
public final class FindingId {
    private FindingId() {}

    public static String of(String cluster, String checkId, ResourceRef ref, String path) {
        String text = cluster + "\n" + checkId + "\n" + ref.group() + "/" + ref.kind() + "\n"
                + nullToEmpty(ref.namespace()) + "\n" + ref.name() + "\n" + path;
        return Masking.sha256Hex(text);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
