import java.util.HashMap;
import java.util.Map;

public class Main {
    private static final Map<Integer, Long> memo = new HashMap<>();

    static long fibMemo(int n) {
        if (n < 2) return n;
        Long cached = memo.get(n);
        if (cached != null) return cached;
        long value = fibMemo(n - 1) + fibMemo(n - 2);
        memo.put(n, value);
        return value;
    }

    static long fibIterative(int n) {
        long a = 0, b = 1;
        for (int i = 0; i < n; i++) {
            long t = a + b;
            a = b;
            b = t;
        }
        return a;
    }

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            if (i > 0) sb.append(", ");
            sb.append(fibMemo(i));
        }
        System.out.println("First 15: " + sb);
        for (int n : new int[]{30, 50, 90}) {
            System.out.println("fib(" + n + ") = " + fibMemo(n) + " (iterative: " + fibIterative(n) + ")");
        }
    }
}
