import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public class Main {
    static class UnionFind {
        private final int[] parent, rank;
        int sets;

        UnionFind(int n) {
            parent = new int[n];
            rank = new int[n];
            sets = n;
            for (int i = 0; i < n; i++) parent[i] = i;
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        boolean union(int a, int b) {
            int ra = find(a), rb = find(b);
            if (ra == rb) return false;
            if (rank[ra] < rank[rb]) { int t = ra; ra = rb; rb = t; }
            parent[rb] = ra;
            if (rank[ra] == rank[rb]) rank[ra]++;
            sets--;
            return true;
        }
    }

    record Edge(int u, int v, int w) {}

    public static void main(String[] args) {
        String cities = "ABCDEFG";
        List<Edge> edges = new ArrayList<>(List.of(
                new Edge(0, 1, 7), new Edge(0, 3, 5), new Edge(1, 2, 8), new Edge(1, 3, 9),
                new Edge(1, 4, 7), new Edge(2, 4, 5), new Edge(3, 4, 15), new Edge(3, 5, 6),
                new Edge(4, 5, 8), new Edge(4, 6, 9), new Edge(5, 6, 11)));
        edges.sort((a, b) -> a.w() != b.w() ? Integer.compare(a.w(), b.w())
                : a.u() != b.u() ? Integer.compare(a.u(), b.u()) : Integer.compare(a.v(), b.v()));
        UnionFind uf = new UnionFind(cities.length());
        int total = 0;
        for (Edge e : edges) {
            String label = cities.charAt(e.u()) + "-" + cities.charAt(e.v()) + " (" + e.w() + ")";
            if (uf.union(e.u(), e.v())) {
                total += e.w();
                System.out.println("take " + label);
            } else {
                System.out.println("skip " + label + ": would form a cycle");
            }
        }
        System.out.println("MST weight: " + total + ", components left: " + uf.sets);

        UnionFind friends = new UnionFind(8);
        int[][] pairs = {{0, 1}, {2, 3}, {1, 4}, {5, 6}, {3, 7}};
        for (int[] p : pairs) friends.union(p[0], p[1]);
        int[] roots = new int[8];
        for (int i = 0; i < 8; i++) roots[i] = friends.find(i);
        System.out.println("friend groups: " + friends.sets + ", roots " + Arrays.toString(roots));
    }
}
