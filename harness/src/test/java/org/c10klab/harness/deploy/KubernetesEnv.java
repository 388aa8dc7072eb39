package org.c10klab.harness.deploy;

import java.util.Map;

/**
 * Kubernetes's expansion of {@code $(VAR)} in a container's command and args: a variable the container's env
 * defines is replaced by its value, {@code $$} stands for one {@code $}, anything else stays as written.
 */
final class KubernetesEnv {

    private KubernetesEnv() {
    }

    /** {@code text} with every {@code $(NAME)} that {@code env} defines replaced, as the kubelet does. */
    static String expand(String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$$", i)) {
                out.append('$');
                i += 2;
                continue;
            }
            int end = text.startsWith("$(", i) ? text.indexOf(')', i) : -1;
            if (end > 0 && env.containsKey(text.substring(i + 2, end))) {
                out.append(env.get(text.substring(i + 2, end)));
                i = end + 1;
                continue;
            }
            out.append(text.charAt(i));
            i++;
        }
        return out.toString();
    }
}
