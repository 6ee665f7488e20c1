package io.vigil.model;

import java.time.Instant;

/** The exception that currently covers a finding. */
public record Suppression(String exceptionId, Instant expires) {}
