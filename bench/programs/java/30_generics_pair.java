import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

public class Main {
    static class Pair<A, B> {
        final A first;
        final B second;
        Pair(A first, B second) { this.first = first; this.second = second; }
        Pair<B, A> swap() { return new Pair<>(second, first); }
        <C> Pair<A, C> mapSecond(Function<B, C> f) { return new Pair<>(first, f.apply(second)); }
        @Override public String toString() { return "(" + first + ", " + second + ")"; }
    }

    static <T extends Comparable<T>> T maxOf(List<T> items) {
        T best = items.get(0);
        for (T item : items) if (item.compareTo(best) > 0) best = item;
        return best;
    }

    static <A, B> List<Pair<A, B>> zip(List<A> as, List<B> bs) {
        List<Pair<A, B>> out = new ArrayList<>();
        for (int i = 0; i < Math.min(as.size(), bs.size()); i++) out.add(new Pair<>(as.get(i), bs.get(i)));
        return out;
    }

    static double sum(List<? extends Number> nums) {
        double s = 0;
        for (Number n : nums) s += n.doubleValue();
        return s;
    }

    public static void main(String[] args) {
        Pair<String, Integer> p = new Pair<>("age", 42);
        System.out.println("pair: " + p + ", swapped: " + p.swap());
        System.out.println("mapped: " + p.mapSecond(x -> x * 2.5));
        System.out.println("max int: " + maxOf(List.of(3, 17, 8, 12)));
        System.out.println("max string: " + maxOf(List.of("pear", "apple", "zucchini", "kiwi")));
        System.out.println("zip: " + zip(List.of("a", "b", "c"), List.of(1, 2, 3, 4)));
        System.out.println("sum ints: " + sum(List.of(1, 2, 3)) + ", sum doubles: " + sum(List.of(1.5, 2.25)));
    }
}
