import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<Integer> sieve(int limit) {
        boolean[] composite = new boolean[limit + 1];
        List<Integer> primes = new ArrayList<>();
        for (int i = 2; i <= limit; i++) {
            if (!composite[i]) {
                primes.add(i);
                for (long j = (long) i * i; j <= limit; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return primes;
    }

    static boolean isPrime(long n) {
        if (n < 2) return false;
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) return false;
        }
        return true;
    }

    public static void main(String[] args) {
        List<Integer> primes = sieve(100);
        System.out.println("Primes up to 100: " + primes);
        System.out.println("Count up to 100000: " + sieve(100000).size());
        long[] candidates = {97, 561, 7919, 1000003, 1000001};
        for (long c : candidates) {
            System.out.println(c + (isPrime(c) ? " is prime" : " is not prime"));
        }
    }
}
