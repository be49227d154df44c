import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

public class Main {
    static class Task implements Comparable<Task> {
        final String name;
        final int priority;
        final int order;

        Task(String name, int priority, int order) {
            this.name = name;
            this.priority = priority;
            this.order = order;
        }

        @Override
        public int compareTo(Task o) {
            if (priority != o.priority) return Integer.compare(o.priority, priority);
            return Integer.compare(order, o.order);
        }

        @Override
        public String toString() { return name + "(p" + priority + ")"; }
    }

    static List<Integer> topK(int[] nums, int k) {
        PriorityQueue<Integer> minHeap = new PriorityQueue<>();
        for (int n : nums) {
            minHeap.add(n);
            if (minHeap.size() > k) minHeap.poll();
        }
        List<Integer> out = new ArrayList<>(minHeap);
        Collections.sort(out, Collections.reverseOrder());
        return out;
    }

    public static void main(String[] args) {
        PriorityQueue<Task> queue = new PriorityQueue<>();
        String[] names = {"write docs", "fix bug", "deploy", "code review", "lunch", "refactor", "hotfix"};
        int[] prios = {2, 5, 3, 3, 1, 2, 5};
        for (int i = 0; i < names.length; i++) queue.add(new Task(names[i], prios[i], i));
        System.out.println("Processing " + queue.size() + " tasks:");
        int step = 1;
        while (!queue.isEmpty()) System.out.println("  " + step++ + ". " + queue.poll());

        int[] nums = {15, 3, 99, 42, 7, 64, 23, 88, 1, 56};
        System.out.println("top 3 of array: " + topK(nums, 3));

        PriorityQueue<int[]> merge = new PriorityQueue<>((a, b) -> a[0] - b[0]);
        int[][] lists = {{1, 4, 9}, {2, 3, 10}, {5, 6, 7, 8}};
        for (int i = 0; i < lists.length; i++) merge.add(new int[]{lists[i][0], i, 0});
        List<Integer> merged = new ArrayList<>();
        while (!merge.isEmpty()) {
            int[] top = merge.poll();
            merged.add(top[0]);
            int li = top[1], idx = top[2] + 1;
            if (idx < lists[li].length) merge.add(new int[]{lists[li][idx], li, idx});
        }
        System.out.println("k-way merge: " + merged);
    }
}
