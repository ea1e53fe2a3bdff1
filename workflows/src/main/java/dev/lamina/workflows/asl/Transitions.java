package dev.lamina.workflows.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transitions of one scope (a machine, a Parallel branch or a Map's processor), as AWS checks
 * them, in AWS's order: every target (Next, Choices[].Next, Default, Catch[].Next) names a state of
 * the same scope ({@code Missing 'Next' target: X}); the scope has a terminal state
 * ({@code Workflow has no terminal state}, without location); and, only when it has one, every
 * state is reachable from StartAt ({@code State "X" is not reachable.}).
 */
final class Transitions {
    private Transitions() {
    }

    private record Edge(String target, String location) {
    }

    static void check(JsonNode scope, String location, Findings findings) {
        JsonNode states = scope.get("States");
        String startAt = scope.path("StartAt").asText();
        Map<String, List<Edge>> edges = new LinkedHashMap<>();
        boolean terminal = false;
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            String at = location + "/States/" + e.getKey();
            JsonNode s = e.getValue();
            List<Edge> out = new ArrayList<>();
            text(s.get("Next"), at + "/Next", out);
            text(s.get("Default"), at + "/Default", out);
            JsonNode choices = s.path("Choices");
            for (int i = 0; i < choices.size(); i++) {
                text(choices.get(i).get("Next"), at + "/Choices[" + i + "]/Next", out);
            }
            JsonNode catchers = s.path("Catch");
            for (int i = 0; i < catchers.size(); i++) {
                text(catchers.get(i).get("Next"), at + "/Catch[" + i + "]/Next", out);
            }
            String type = s.path("Type").asText();
            terminal |= s.path("End").asBoolean(false) || type.equals("Succeed") || type.equals("Fail");
            edges.put(e.getKey(), out);
        }
        for (List<Edge> out : edges.values()) {
            for (Edge edge : out) {
                if (!states.has(edge.target())) {
                    findings.error(Findings.MISSING_TARGET, "Missing 'Next' target: " + edge.target(),
                            edge.location());
                }
            }
        }
        if (!terminal) {
            findings.error(Findings.MISSING_END, "Workflow has no terminal state", null);
            return;
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (states.has(startAt)) {
            todo.add(startAt);
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (reached.add(name)) {
                for (Edge edge : edges.getOrDefault(name, List.of())) {
                    if (states.has(edge.target())) {
                        todo.add(edge.target());
                    }
                }
            }
        }
        if (!states.has(startAt)) {
            return;
        }
        for (String name : edges.keySet()) {
            if (!reached.contains(name)) {
                findings.error(Findings.MISSING_TARGET, "State \"" + name + "\" is not reachable.",
                        location + "/States/" + name);
            }
        }
    }

    private static void text(JsonNode target, String location, List<Edge> out) {
        if (target != null && target.isTextual()) {
            out.add(new Edge(target.asText(), location));
        }
    }
}
