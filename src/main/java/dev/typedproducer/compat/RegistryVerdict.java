package dev.typedproducer.compat;

import java.util.List;

/**
 * What the registry itself answered when asked whether the new schema may be registered.
 *
 * @param compatible the registry's answer
 * @param messages its reasons, as it gave them
 * @param level the level the registry checked at
 * @param counts whether it checked at the level this check uses (else it is shown, not used)
 */
public record RegistryVerdict(
    boolean compatible, List<String> messages, CompatibilityLevel level, boolean counts) {}
