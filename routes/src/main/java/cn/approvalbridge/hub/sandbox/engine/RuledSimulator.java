package cn.approvalbridge.hub.sandbox.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulator whose partners each behave by a rule (and for some a delay): what was set at run time (the sandbox's
 * PUT …/rule endpoints, tests), else what the configuration says.
 *
 * @param <K> the partner (a department code, a utility)
 * @param <B> its behaviour
 */
public abstract class RuledSimulator<K, B> {

    private final Map<K, B> overrides = new ConcurrentHashMap<>();

    /** The partner's behaviour as configured. */
    protected abstract B configured(K partner);

    public B behaviour(K partner) {
        B b = overrides.get(partner);
        return b != null ? b : configured(partner);
    }

    public void setBehaviour(K partner, B behaviour) {
        overrides.put(partner, behaviour);
    }

    /** Back to the configured behaviours. */
    public void resetBehaviours() {
        overrides.clear();
    }
}
