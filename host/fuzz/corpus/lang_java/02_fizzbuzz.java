public class Main {
    static String fizzBuzz(int n) {
        if (n % 15 == 0) return "FizzBuzz";
        if (n % 3 == 0) return "Fizz";
        if (n % 5 == 0) return "Buzz";
        return Integer.toString(n);
    }

    public static void main(String[] args) {
        for (int i = 1; i <= 30; i++) {
            System.out.println(fizzBuzz(i));
        }
    }
}
