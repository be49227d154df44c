import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<List<Integer>> adj = new ArrayList<>();
    static boolean[] visited;

    static void addEdge(int u, int v) {
        adj.get(u).add(v);
        adj.get(v).add(u);
    }

    static void dfs(int u, List<Integer> component) {
        visited[u] = true;
        component.add(u);
        for (int v : adj.get(u)) {
            if (!visited[v]) dfs(v, component);
        }
    }

    static boolean hasCycle(int u, int parent, boolean[] seen) {
        seen[u] = true;
        for (int v : adj.get(u)) {
            if (!seen[v]) {
                if (hasCycle(v, u, seen)) return true;
            } else if (v != parent) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        int n = 10;
        for (int i = 0; i < n; i++) adj.add(new ArrayList<>());
        int[][] edges = {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {5, 6}, {6, 7}, {7, 8}};
        for (int[] e : edges) addEdge(e[0], e[1]);
        visited = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!visited[i]) {
                List<Integer> comp = new ArrayList<>();
                dfs(i, comp);
                count++;
                boolean cyclic = hasCycle(i, -1, new boolean[n]);
                System.out.println("Component " + count + ": " + comp + (cyclic ? " (has cycle)" : ""));
            }
        }
        System.out.println("Total components: " + count);
    }
}
