import java.util.ArrayDeque;
import java.util.Deque;

public class Main {
    public static void main(String[] args) {
        String[] maze = {
                "S.#.......",
                ".##.####..",
                "....#..#.#",
                "#.#.#.##..",
                "..#...#..#",
                ".####.#.#.",
                "......#..E"
        };
        int rows = maze.length, cols = maze[0].length();
        char[][] grid = new char[rows][];
        int sr = 0, sc = 0, er = 0, ec = 0;
        for (int r = 0; r < rows; r++) {
            grid[r] = maze[r].toCharArray();
            for (int c = 0; c < cols; c++) {
                if (grid[r][c] == 'S') { sr = r; sc = c; }
                if (grid[r][c] == 'E') { er = r; ec = c; }
            }
        }
        int[][] dist = new int[rows][cols];
        int[][] prev = new int[rows][cols];
        for (int[] row : dist) java.util.Arrays.fill(row, -1);
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[]{sr, sc});
        dist[sr][sc] = 0;
        int[] dr = {-1, 1, 0, 0};
        int[] dc = {0, 0, -1, 1};
        while (!queue.isEmpty()) {
            int[] p = queue.poll();
            for (int d = 0; d < 4; d++) {
                int nr = p[0] + dr[d], nc = p[1] + dc[d];
                if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
                if (grid[nr][nc] == '#' || dist[nr][nc] != -1) continue;
                dist[nr][nc] = dist[p[0]][p[1]] + 1;
                prev[nr][nc] = p[0] * cols + p[1];
                queue.add(new int[]{nr, nc});
            }
        }
        if (dist[er][ec] < 0) {
            System.out.println("No path");
            return;
        }
        System.out.println("Shortest path length: " + dist[er][ec]);
        int cur = prev[er][ec];
        while (cur != sr * cols + sc) {
            grid[cur / cols][cur % cols] = '*';
            cur = prev[cur / cols][cur % cols];
        }
        for (char[] row : grid) System.out.println(new String(row));
    }
}
