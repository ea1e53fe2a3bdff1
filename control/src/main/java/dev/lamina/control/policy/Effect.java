package dev.lamina.control.policy;

public enum Effect { ALLOW, DENY }
