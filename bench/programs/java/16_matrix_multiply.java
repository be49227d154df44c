public class Main {
    static long[][] multiply(long[][] a, long[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        long[][] c = new long[n][m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                for (int x = 0; x < k; x++)
                    c[i][j] += a[i][x] * b[x][j];
        return c;
    }

    static long[][] power(long[][] base, int exp) {
        int n = base.length;
        long[][] result = new long[n][n];
        for (int i = 0; i < n; i++) result[i][i] = 1;
        while (exp > 0) {
            if ((exp & 1) == 1) result = multiply(result, base);
            base = multiply(base, base);
            exp >>= 1;
        }
        return result;
    }

    static void print(String label, long[][] m) {
        System.out.println(label + ":");
        for (long[] row : m) {
            StringBuilder sb = new StringBuilder(" ");
            for (long v : row) sb.append(String.format(" %5d", v));
            System.out.println(sb);
        }
    }

    public static void main(String[] args) {
        long[][] a = {{1, 2, 3}, {4, 5, 6}};
        long[][] b = {{7, 8}, {9, 10}, {11, 12}};
        print("A", a);
        print("B", b);
        print("A x B", multiply(a, b));
        print("B x A", multiply(b, a));
        long[][] fib = {{1, 1}, {1, 0}};
        long[][] f = power(fib, 40);
        System.out.println("fib(40) via matrix power: " + f[0][1]);
    }
}
