import java.util.ArrayList;
import java.util.List;

public class Main {
    static void permute(String prefix, String rest, List<String> out) {
        if (rest.isEmpty()) {
            out.add(prefix);
            return;
        }
        for (int i = 0; i < rest.length(); i++) {
            if (rest.indexOf(rest.charAt(i)) != i) continue; // skip duplicate letters
            permute(prefix + rest.charAt(i), rest.substring(0, i) + rest.substring(i + 1), out);
        }
    }

    static void subsets(int[] nums, int index, List<Integer> current, List<List<Integer>> out) {
        if (index == nums.length) {
            out.add(new ArrayList<>(current));
            return;
        }
        subsets(nums, index + 1, current, out);
        current.add(nums[index]);
        subsets(nums, index + 1, current, out);
        current.remove(current.size() - 1);
    }

    static void combinations(int n, int k, int start, List<Integer> cur, List<List<Integer>> out) {
        if (cur.size() == k) {
            out.add(new ArrayList<>(cur));
            return;
        }
        for (int i = start; i <= n; i++) {
            cur.add(i);
            combinations(n, k, i + 1, cur, out);
            cur.remove(cur.size() - 1);
        }
    }

    public static void main(String[] args) {
        List<String> perms = new ArrayList<>();
        permute("", "abc", perms);
        System.out.println("permutations of abc: " + perms);
        perms.clear();
        permute("", "aabb", perms);
        System.out.println("distinct permutations of aabb (" + perms.size() + "): " + perms);
        List<List<Integer>> subs = new ArrayList<>();
        subsets(new int[]{1, 2, 3}, 0, new ArrayList<>(), subs);
        System.out.println("subsets of [1,2,3]: " + subs);
        List<List<Integer>> combos = new ArrayList<>();
        combinations(5, 3, 1, new ArrayList<>(), combos);
        System.out.println("C(5,3) = " + combos.size() + ": " + combos);
    }
}
