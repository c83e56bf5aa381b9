package dev.example;

// Does not compile (no test framework is declared): the build preview:image runs must leave tests out.
class MainTest extends org.junit.NotOnTheClasspath {
}
