import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

public class Main {
    static IntSupplier makeCounter(int start, int step) {
        int[] state = {start};
        return () -> {
            int v = state[0];
            state[0] += step;
            return v;
        };
    }

    static Function<Integer, Integer> compose(List<Function<Integer, Integer>> fs) {
        Function<Integer, Integer> result = Function.identity();
        for (Function<Integer, Integer> f : fs) result = result.andThen(f);
        return result;
    }

    static <T> Supplier<T> memoize(Supplier<T> s) {
        List<T> cache = new ArrayList<>();
        return () -> {
            if (cache.isEmpty()) cache.add(s.get());
            return cache.get(0);
        };
    }

    public static void main(String[] args) {
        IntSupplier byOne = makeCounter(0, 1);
        IntSupplier byTen = makeCounter(100, 10);
        for (int i = 0; i < 3; i++) {
            System.out.println("counters: " + byOne.getAsInt() + " " + byTen.getAsInt());
        }
        Function<Integer, Integer> pipeline = compose(List.of(x -> x + 3, x -> x * 2, x -> x - 1));
        System.out.println("pipeline(5) = " + pipeline.apply(5));
        BiFunction<Integer, Integer, Integer> power = (b, e) -> {
            int r = 1;
            for (int i = 0; i < e; i++) r *= b;
            return r;
        };
        Function<Integer, Function<Integer, Integer>> curriedAdd = a -> b -> a + b;
        System.out.println("power(2, 10) = " + power.apply(2, 10));
        System.out.println("curriedAdd(3)(4) = " + curriedAdd.apply(3).apply(4));
        Predicate<String> longWord = s -> s.length() > 4;
        Predicate<String> startsWithS = s -> s.startsWith("s");
        for (String w : new String[]{"sun", "stream", "lambda", "sky"}) {
            System.out.println(w + ": long=" + longWord.test(w) + " long&s=" + longWord.and(startsWithS).test(w));
        }
        int[] calls = {0};
        Supplier<String> expensive = memoize(() -> {
            calls[0]++;
            return "computed";
        });
        System.out.println(expensive.get() + " " + expensive.get() + " calls=" + calls[0]);
    }
}
