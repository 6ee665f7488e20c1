package io.vigil.pipeline;

import io.vigil.check.Evaluator;
import io.vigil.model.KubeObject;
import java.util.Optional;

/**
 * What one key's evaluation found. {@code object} is empty (and {@code result} null) when the object is gone
 * from the cache: whether that resolves its findings is the ledger's side to decide, on the event loop.
 */
record Outcome(Queued queued, Optional<KubeObject> object, Evaluator.Result result) {}
