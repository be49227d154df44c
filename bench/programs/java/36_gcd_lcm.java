public class Main {
    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    static long lcm(long a, long b) {
        return a / gcd(a, b) * b;
    }

    // returns {g, x, y} with a*x + b*y = g
    static long[] extendedGcd(long a, long b) {
        if (b == 0) return new long[]{a, 1, 0};
        long[] r = extendedGcd(b, a % b);
        return new long[]{r[0], r[2], r[1] - (a / b) * r[2]};
    }

    public static void main(String[] args) {
        long[][] pairs = {{48, 18}, {17, 5}, {100, 75}, {270, 192}, {1071, 462}};
        for (long[] p : pairs) {
            long[] e = extendedGcd(p[0], p[1]);
            System.out.printf("gcd(%d, %d) = %d, lcm = %d, %d*%d + %d*%d = %d%n",
                    p[0], p[1], gcd(p[0], p[1]), lcm(p[0], p[1]), p[0], e[1], p[1], e[2], e[0]);
        }
        long l = 1;
        for (int i = 1; i <= 20; i++) l = lcm(l, i);
        System.out.println("lcm(1..20) = " + l);
        int coprime = 0;
        for (int i = 1; i <= 100; i++) if (gcd(i, 100) == 1) coprime++;
        System.out.println("phi(100) = " + coprime);
    }
}
