package dev.ghillie.runtime.readiness;

/** The outcome of one dependency check: passed, or failed with a short reason a person can read. */
public record CheckResult(boolean passed, String reason) {

    public static CheckResult pass() {
        return new CheckResult(true, "ok");
    }

    public static CheckResult fail(String reason) {
        return new CheckResult(false, reason);
    }
}
