package io.vigil.model;

/** A finding's evidence with its lifecycle status: what scans print and the API serves. */
public record TrackedFinding(Finding finding, FindingStatus status) {}
