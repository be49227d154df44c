import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class Main {
    static int collatzLength(long n) {
        int steps = 1;
        while (n != 1) {
            n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }

    static long[] longestInRange(long from, long to) {
        long best = from;
        int bestLen = 0;
        for (long i = from; i < to; i++) {
            int len = collatzLength(i);
            if (len > bestLen) {
                bestLen = len;
                best = i;
            }
        }
        return new long[]{best, bestLen};
    }

    public static void main(String[] args) throws Exception {
        StringBuilder seq = new StringBuilder();
        for (long n = 27, i = 0; i < 12; i++) {
            seq.append(n).append(' ');
            n = (n % 2 == 0) ? n / 2 : 3 * n + 1;
        }
        System.out.println("27 starts: " + seq + "... (" + collatzLength(27) + " terms)");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<long[]>> futures = new ArrayList<>();
        int chunk = 25000;
        for (int start = 1; start < 200000; start += chunk) {
            final long from = start, to = start + chunk;
            futures.add(pool.submit(() -> longestInRange(from, to)));
        }
        long best = 0, bestLen = 0;
        for (int i = 0; i < futures.size(); i++) {
            long[] r = futures.get(i).get();
            System.out.printf("chunk %d: best %d (%d terms)%n", i, r[0], r[1]);
            if (r[1] > bestLen) {
                bestLen = r[1];
                best = r[0];
            }
        }
        pool.shutdown();
        System.out.println("Longest below 200000: " + best + " with " + bestLen + " terms");
    }
}
