package dev.typedproducer.internal.registry;

import java.util.List;

/** The registry's answer to "may this schema be registered?", with its reasons when not. */
public record CompatibilityVerdict(boolean compatible, List<String> messages) {}
