package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import io.vigil.check.ClusterView;
import io.vigil.check.Violation;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Pod Security Standards checks on one pod and reports which of them the pod violates at a
 * given level: a pod violates baseline when some finding carries {@code PSS:baseline}, restricted when
 * some finding carries either level (DESIGN §12).
 */
final class PssLevels {
    /** The checks that carry a PSS level, in catalogue order; all stateless. */
    static final List<Check> CHECKS = List.of(
            new PrivilegedContainer(),
            new HostNamespaces(),
            new HostProbeLifecycle(),
            new HostPathVolume(),
            new HostPort(),
            new CapabilitiesAdded(),
            new AppArmorUnconfined(),
            new SelinuxCustom(),
            new ProcMountUnmasked(),
            new UnsafeSysctls(),
            new WindowsHostProcess(),
            new RestrictedVolumeTypes(),
            new PrivilegeEscalation(),
            new RunAsNonRoot(),
            new CapabilitiesNotDropped(),
            new SeccompProfile());

    /** The PSS levels, weakest first; {@code privileged} admits everything. */
    enum Level {
        PRIVILEGED,
        BASELINE,
        RESTRICTED;

        /** The value of a {@code pod-security.kubernetes.io/*} label, as upstream parses it. */
        static Level parse(String label) {
            return switch (label) {
                case "privileged" -> PRIVILEGED;
                case "baseline" -> BASELINE;
                default -> RESTRICTED;
            };
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private PssLevels() {}

    /** Ids of the PSS checks the pod violates at {@code level}, in catalogue order. */
    static List<String> violated(KubeObject pod, ClusterView view, Level level) {
        List<String> out = new ArrayList<>();
        if (level == Level.PRIVILEGED) {
            return out;
        }
        for (Check check : CHECKS) {
            if (check.evaluate(pod, view).stream().anyMatch(v -> violates(v, level))) {
                out.add(check.id());
            }
        }
        return out;
    }

    private static boolean violates(Violation v, Level level) {
        return v.extraControls().contains(Pss.BASELINE)
                || level == Level.RESTRICTED && v.extraControls().contains(Pss.RESTRICTED);
    }
}
