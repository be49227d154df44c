import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<List<Long>> pascal(int rows) {
        List<List<Long>> tri = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Long> row = new ArrayList<>();
            for (int c = 0; c <= r; c++) {
                if (c == 0 || c == r) row.add(1L);
                else row.add(tri.get(r - 1).get(c - 1) + tri.get(r - 1).get(c));
            }
            tri.add(row);
        }
        return tri;
    }

    public static void main(String[] args) {
        int rows = 10;
        List<List<Long>> tri = pascal(rows);
        int width = 2 * rows + 10;
        for (List<Long> row : tri) {
            StringBuilder sb = new StringBuilder();
            for (long v : row) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(v);
            }
            int pad = (width - sb.length()) / 2;
            System.out.println(" ".repeat(Math.max(0, pad)) + sb);
        }
        List<List<Long>> big = pascal(31);
        System.out.println("C(30, 15) = " + big.get(30).get(15));
        long sum = 0;
        for (long v : big.get(30)) sum += v;
        System.out.println("sum of row 30 = " + sum + " = 2^30: " + (sum == (1L << 30)));
        StringBuilder odd = new StringBuilder();
        for (int r = 0; r < 16; r++) {
            odd.append(" ".repeat(16 - r));
            List<Long> row = big.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) odd.append(' ');
                odd.append(row.get(c) % 2 == 1 ? '*' : ' ');
            }
            odd.append('\n');
        }
        System.out.print(odd);
    }
}
