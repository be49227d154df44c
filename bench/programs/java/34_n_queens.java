public class Main {
    static int solutions;
    static int[] firstSolution;

    static void solve(int row, int n, int[] cols, boolean[] usedCol, boolean[] diag1, boolean[] diag2) {
        if (row == n) {
            if (solutions == 0) firstSolution = cols.clone();
            solutions++;
            return;
        }
        for (int c = 0; c < n; c++) {
            if (usedCol[c] || diag1[row + c] || diag2[row - c + n - 1]) continue;
            usedCol[c] = diag1[row + c] = diag2[row - c + n - 1] = true;
            cols[row] = c;
            solve(row + 1, n, cols, usedCol, diag1, diag2);
            usedCol[c] = diag1[row + c] = diag2[row - c + n - 1] = false;
        }
    }

    static int count(int n) {
        solutions = 0;
        solve(0, n, new int[n], new boolean[n], new boolean[2 * n], new boolean[2 * n]);
        return solutions;
    }

    public static void main(String[] args) {
        for (int n = 1; n <= 9; n++) {
            System.out.println(n + "-queens: " + count(n) + " solutions");
        }
        count(8);
        System.out.println("First solution for 8 queens:");
        for (int r = 0; r < 8; r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < 8; c++) sb.append(firstSolution[r] == c ? "Q " : ". ");
            System.out.println(sb.toString().trim());
        }
    }
}
