public class Main {
    static int binarySearch(int[] a, int target) {
        int lo = 0, hi = a.length - 1;
        int steps = 0;
        while (lo <= hi) {
            steps++;
            int mid = lo + (hi - lo) / 2;
            if (a[mid] == target) {
                System.out.println("  found " + target + " in " + steps + " steps");
                return mid;
            } else if (a[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        System.out.println("  " + target + " not found after " + steps + " steps");
        return -1;
    }

    static int lowerBound(int[] a, int target) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public static void main(String[] args) {
        int[] sorted = new int[100];
        for (int i = 0; i < sorted.length; i++) sorted[i] = i * 3;
        for (int t : new int[]{0, 42, 297, 100, -1}) {
            System.out.println("search " + t + " -> index " + binarySearch(sorted, t));
        }
        int[] dup = {1, 2, 2, 2, 5, 7, 7, 9};
        for (int t : new int[]{2, 6, 7, 10}) {
            System.out.println("lowerBound(" + t + ") = " + lowerBound(dup, t));
        }
    }
}
