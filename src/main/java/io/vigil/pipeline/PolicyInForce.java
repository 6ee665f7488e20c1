package io.vigil.pipeline;

import io.vigil.check.Evaluator;

/**
 * The policy with what follows from it, replaced together: the evaluator runs the catalogue plus the policy's
 * own checks (a baseline's drift check), and the dependents follow the checks that evaluator runs.
 */
record PolicyInForce(FindingPolicy policy, Evaluator evaluator, Dependents dependents) {
    static PolicyInForce of(Evaluator catalogue, FindingPolicy policy) {
        Evaluator evaluator = catalogue.with(policy.checks());
        return new PolicyInForce(policy, evaluator, new Dependents(evaluator.checks()));
    }
}
