package io.memcluster.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code namespaces} section: a namespace name, then that namespace's settings. */
final class NamespacesSection {

    private NamespacesSection() {
    }

    /**
     * @param nodeMemory {@code node.memory}, which no quota may exceed; {@link Long#MAX_VALUE}
     *                   when it could not be read
     * @return the quotas; null when any of them is wrong, which is then reported
     */
    static NamespaceQuotas read(ConfigNode root, long nodeMemory, Problems problems) {
        Map<String, Long> memoryByName = new LinkedHashMap<>();
        long example = 16 * Sizes.MB;
        root.namedSections("namespaces", "memory: " + Sizes.format(example)).forEach((name, settings) -> {
            Long memory = settings == null ? null : settings.requiredSize("memory", example);
            if (memory != null) {
                memoryByName.put(name, memory);
            } else {
                // a bad name is worth reporting even when its memory is missing
                List<ConfigProblem> nameProblems = new ArrayList<>();
                NamespaceQuotas.checkName(name, nameProblems);
                problems.addAll(nameProblems);
            }
        });
        problems.addAll(NamespaceQuotas.check(memoryByName, nodeMemory));
        return problems.hasUnder("namespaces") ? null : new NamespaceQuotas(memoryByName);
    }
}
