package dev.ghillie.runtime.readiness;

/** One dependency that must answer before the service is ready. Implementations do real I/O. */
public interface DependencyCheck {

    /** The name reported under {@code checks} in the /ready body, e.g. {@code database}. */
    String name();

    /** Runs the check once. Must be bounded in time and must not throw. */
    CheckResult run();
}
