import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Main {
    static List<String> topoSort(Map<String, List<String>> deps) {
        Map<String, Integer> indegree = new TreeMap<>();
        Map<String, List<String>> users = new TreeMap<>();
        for (String node : deps.keySet()) {
            indegree.putIfAbsent(node, 0);
            for (String d : deps.get(node)) {
                indegree.putIfAbsent(d, 0);
                indegree.merge(node, 1, Integer::sum);
                users.computeIfAbsent(d, k -> new ArrayList<>()).add(node);
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        for (Map.Entry<String, Integer> e : indegree.entrySet()) {
            if (e.getValue() == 0) ready.add(e.getKey());
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String u : users.getOrDefault(n, List.of())) {
                if (indegree.merge(u, -1, Integer::sum) == 0) ready.add(u);
            }
        }
        if (order.size() != indegree.size()) throw new IllegalStateException("cycle detected");
        return order;
    }

    public static void main(String[] args) {
        Map<String, List<String>> build = new TreeMap<>();
        build.put("app", List.of("lib", "utils", "config"));
        build.put("lib", List.of("utils", "logging"));
        build.put("utils", List.of("logging"));
        build.put("tests", List.of("app"));
        build.put("config", List.of());
        System.out.println("Build order: " + topoSort(build));

        Map<String, List<String>> cyclic = new TreeMap<>();
        cyclic.put("a", List.of("b"));
        cyclic.put("b", List.of("c"));
        cyclic.put("c", List.of("a"));
        try {
            topoSort(cyclic);
        } catch (IllegalStateException e) {
            System.out.println("Cyclic graph: " + e.getMessage());
        }
    }
}
