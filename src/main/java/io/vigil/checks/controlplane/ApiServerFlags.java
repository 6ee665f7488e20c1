package io.vigil.checks.controlplane;

import io.vigil.check.support.Json;
import io.vigil.check.support.PodSpecView;
import io.vigil.check.support.PodSpecView.ContainerView;
import io.vigil.model.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kube-apiserver container of a static pod in kube-system and the flags it runs with. The pod is
 * recognised by the label {@code component: kube-apiserver} or by a container whose command (or, without
 * one, args) starts with the {@code kube-apiserver} binary (any directory, also {@code hyperkube
 * kube-apiserver}). Flags are read from command then args, the argv order, as {@code --flag=value} or
 * {@code --flag value}; the last occurrence wins, as in pflag. Boolean flags take a value only with
 * {@code =} (pflag reads {@code --anonymous-auth false} as true plus a stray argument).
 */
final class ApiServerFlags {
    static final String SYSTEM_NAMESPACE = "kube-system";
    private static final String BINARY = "kube-apiserver";
    private static final Set<String> BOOLEAN_FLAGS = Set.of("--anonymous-auth");

    private final ContainerView container;
    private final String defaultList;
    private final Map<String, Flag> flags;

    /** One flag occurrence: its value ("" for a bare flag) and the list (command or args) it sits in. */
    record Flag(String value, String list) {}

    private ApiServerFlags(ContainerView container, String defaultList, Map<String, Flag> flags) {
        this.container = container;
        this.defaultList = defaultList;
        this.flags = flags;
    }

    static Optional<ApiServerFlags> of(KubeObject pod) {
        if (!SYSTEM_NAMESPACE.equals(pod.namespace())) {
            return Optional.empty();
        }
        Optional<PodSpecView> spec = PodSpecView.of(pod);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        List<ContainerView> containers = spec.get().containers().stream()
                .filter(c -> "containers".equals(c.listField()))
                .toList();
        Optional<ContainerView> found =
                containers.stream().filter(ApiServerFlags::runsApiServer).findFirst();
        if (found.isEmpty() && BINARY.equals(pod.label("component"))) {
            found = containers.stream()
                    .filter(c -> BINARY.equals(c.name()))
                    .findFirst()
                    .or(() -> containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty());
        }
        return found.map(ApiServerFlags::parse);
    }

    /** The container the flags were read from. */
    ContainerView container() {
        return container;
    }

    Optional<Flag> flag(String name) {
        return Optional.ofNullable(flags.get(name));
    }

    /** Whether a flag is present with a non-blank value. */
    boolean hasValue(String name) {
        return flag(name).filter(f -> !f.value().isBlank()).isPresent();
    }

    /** The element path of a flag: where it is written, or where it belongs (command, else args) when absent. */
    String path(String name) {
        String list = flag(name).map(Flag::list).orElse(defaultList);
        return container.path(list + "[" + name + "]");
    }

    private static boolean runsApiServer(ContainerView c) {
        List<String> command = tokens(c, "command");
        List<String> argv = command.isEmpty() ? tokens(c, "args") : command;
        if (argv.isEmpty()) {
            return false;
        }
        String first = basename(argv.get(0));
        if (first.equals("hyperkube") && argv.size() > 1) {
            first = basename(argv.get(1));
        }
        return first.startsWith(BINARY);
    }

    private static ApiServerFlags parse(ContainerView c) {
        Map<String, Flag> flags = new HashMap<>();
        for (String list : List.of("command", "args")) {
            List<String> tokens = tokens(c, list);
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                if (!t.startsWith("--") || t.length() == 2) {
                    continue;
                }
                int eq = t.indexOf('=');
                if (eq > 0) {
                    flags.put(t.substring(0, eq), new Flag(t.substring(eq + 1), list));
                } else if (!BOOLEAN_FLAGS.contains(t)
                        && i + 1 < tokens.size()
                        && !tokens.get(i + 1).startsWith("-")) {
                    flags.put(t, new Flag(tokens.get(++i), list));
                } else {
                    flags.put(t, new Flag("", list));
                }
            }
        }
        String defaultList =
                tokens(c, "command").isEmpty() && !tokens(c, "args").isEmpty() ? "args" : "command";
        return new ApiServerFlags(c, defaultList, flags);
    }

    /** The list's string elements split on whitespace (so {@code sh -c "kube-apiserver --x=y"} is read too). */
    private static List<String> tokens(ContainerView c, String list) {
        List<String> out = new ArrayList<>();
        for (String element : Json.texts(c.node().path(list))) {
            for (String token : element.trim().split("\\s+")) {
                if (!token.isEmpty()) {
                    out.add(token);
                }
            }
        }
        return out;
    }

    private static String basename(String token) {
        String t = token.replace("\"", "").replace("'", "");
        return t.substring(t.lastIndexOf('/') + 1);
    }
}
