package io.vigil.checks.podsecurity;

import io.vigil.check.Check;
import java.util.List;

/** The built-in checks of this family, in catalogue order. */
public final class PodSecurityChecks {
    private PodSecurityChecks() {}

    public static List<Check> all() {
        return List.of(
                new PssNamespaceUnenforced(),
                new PssNamespaceWeak(),
                new PssNamespaceViolation(),
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
                new SeccompProfile(),
                new ReadOnlyRootFilesystem(),
                new DefaultNamespace());
    }
}
