public class Main {
    static final int ROWS = 10, COLS = 12;

    static boolean[][] step(boolean[][] g) {
        boolean[][] next = new boolean[ROWS][COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int n = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        if (dr == 0 && dc == 0) continue;
                        int rr = (r + dr + ROWS) % ROWS, cc = (c + dc + COLS) % COLS;
                        if (g[rr][cc]) n++;
                    }
                }
                next[r][c] = g[r][c] ? (n == 2 || n == 3) : n == 3;
            }
        }
        return next;
    }

    static void print(int gen, boolean[][] g) {
        int alive = 0;
        StringBuilder sb = new StringBuilder();
        for (boolean[] row : g) {
            for (boolean cell : row) {
                sb.append(cell ? '#' : '.');
                if (cell) alive++;
            }
            sb.append('\n');
        }
        System.out.println("Generation " + gen + " (" + alive + " alive):");
        System.out.print(sb);
    }

    public static void main(String[] args) {
        boolean[][] grid = new boolean[ROWS][COLS];
        int[][] glider = {{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
        for (int[] p : glider) grid[p[0]][p[1]] = true;
        int[][] blinker = {{6, 8}, {6, 9}, {6, 10}};
        for (int[] p : blinker) grid[p[0]][p[1]] = true;
        for (int gen = 0; gen <= 4; gen++) {
            if (gen % 2 == 0) print(gen, grid);
            grid = step(grid);
        }
    }
}
