package dev.example; public class Main { broken }
