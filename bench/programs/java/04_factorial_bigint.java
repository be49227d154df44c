import java.math.BigInteger;

public class Main {
    static long factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    static BigInteger bigFactorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            result = result.multiply(BigInteger.valueOf(i));
        }
        return result;
    }

    public static void main(String[] args) {
        for (int i = 0; i <= 20; i += 5) {
            System.out.println(i + "! = " + factorial(i));
        }
        BigInteger f50 = bigFactorial(50);
        System.out.println("50! = " + f50);
        String digits = f50.toString();
        int sum = 0;
        for (char c : digits.toCharArray()) sum += c - '0';
        System.out.println("digits: " + digits.length() + ", digit sum: " + sum);
        int zeros = 0;
        for (int i = digits.length() - 1; i >= 0 && digits.charAt(i) == '0'; i--) zeros++;
        System.out.println("trailing zeros: " + zeros);
    }
}
