public class Main {
    static int[][] board = new int[9][9];
    static int guesses = 0;

    static boolean canPlace(int r, int c, int v) {
        for (int i = 0; i < 9; i++) {
            if (board[r][i] == v || board[i][c] == v) return false;
        }
        int br = r / 3 * 3, bc = c / 3 * 3;
        for (int i = br; i < br + 3; i++)
            for (int j = bc; j < bc + 3; j++)
                if (board[i][j] == v) return false;
        return true;
    }

    static boolean solve() {
        for (int r = 0; r < 9; r++) {
            for (int c = 0; c < 9; c++) {
                if (board[r][c] != 0) continue;
                for (int v = 1; v <= 9; v++) {
                    if (canPlace(r, c, v)) {
                        board[r][c] = v;
                        guesses++;
                        if (solve()) return true;
                        board[r][c] = 0;
                    }
                }
                return false;
            }
        }
        return true;
    }

    static void print() {
        for (int r = 0; r < 9; r++) {
            if (r > 0 && r % 3 == 0) System.out.println("------+-------+------");
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < 9; c++) {
                if (c > 0 && c % 3 == 0) sb.append("| ");
                sb.append(board[r][c] == 0 ? "." : String.valueOf(board[r][c])).append(' ');
            }
            System.out.println(sb.toString().trim());
        }
    }

    public static void main(String[] args) {
        String puzzle =
                "530070000" +
                "600195000" +
                "098000060" +
                "800060003" +
                "400803001" +
                "700020006" +
                "060000280" +
                "000419005" +
                "000080079";
        for (int i = 0; i < 81; i++) board[i / 9][i % 9] = puzzle.charAt(i) - '0';
        System.out.println("Puzzle:");
        print();
        if (solve()) {
            System.out.println("\nSolution (" + guesses + " placements tried):");
            print();
        } else {
            System.out.println("No solution");
        }
    }
}
