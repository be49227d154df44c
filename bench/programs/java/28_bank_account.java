import java.util.ArrayList;
import java.util.List;

public class Main {
    static class InsufficientFundsException extends Exception {
        InsufficientFundsException(String msg) { super(msg); }
    }

    static class Account {
        private final String owner;
        private long balanceCents;
        private final List<String> history = new ArrayList<>();

        Account(String owner, long initialCents) {
            this.owner = owner;
            this.balanceCents = initialCents;
            history.add("open " + fmt(initialCents));
        }

        void deposit(long cents) {
            if (cents <= 0) throw new IllegalArgumentException("deposit must be positive");
            balanceCents += cents;
            history.add("deposit " + fmt(cents));
        }

        void withdraw(long cents) throws InsufficientFundsException {
            if (cents > balanceCents) {
                history.add("FAILED withdraw " + fmt(cents));
                throw new InsufficientFundsException(owner + " cannot withdraw " + fmt(cents) + ", balance " + fmt(balanceCents));
            }
            balanceCents -= cents;
            history.add("withdraw " + fmt(cents));
        }

        void transferTo(Account other, long cents) throws InsufficientFundsException {
            withdraw(cents);
            other.deposit(cents);
        }

        void applyInterest(double ratePercent) {
            long interest = Math.round(balanceCents * ratePercent / 100.0);
            balanceCents += interest;
            history.add("interest " + fmt(interest));
        }

        static String fmt(long cents) { return String.format("$%d.%02d", cents / 100, cents % 100); }

        @Override
        public String toString() { return owner + ": " + fmt(balanceCents); }
    }

    public static void main(String[] args) {
        Account alice = new Account("Alice", 100_00);
        Account bob = new Account("Bob", 50_00);
        alice.deposit(25_50);
        try {
            alice.transferTo(bob, 40_00);
            bob.withdraw(200_00);
        } catch (InsufficientFundsException e) {
            System.out.println("Error: " + e.getMessage());
        }
        try {
            alice.deposit(-5);
        } catch (IllegalArgumentException e) {
            System.out.println("Error: " + e.getMessage());
        }
        alice.applyInterest(2.5);
        bob.applyInterest(2.5);
        System.out.println(alice);
        System.out.println(bob);
        System.out.println("Alice history: " + alice.history);
        System.out.println("Bob history: " + bob.history);
    }
}
