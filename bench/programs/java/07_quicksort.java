import java.util.Arrays;

public class Main {
    static void quickSort(int[] a, int lo, int hi) {
        if (lo >= hi) return;
        int p = partition(a, lo, hi);
        quickSort(a, lo, p - 1);
        quickSort(a, p + 1, hi);
    }

    static int partition(int[] a, int lo, int hi) {
        int pivot = a[hi];
        int i = lo;
        for (int j = lo; j < hi; j++) {
            if (a[j] < pivot) {
                swap(a, i, j);
                i++;
            }
        }
        swap(a, i, hi);
        return i;
    }

    static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    public static void main(String[] args) {
        int[] data = {38, 27, 43, 3, 9, 82, 10, 3, -5, 0, 17};
        System.out.println("Input:  " + Arrays.toString(data));
        quickSort(data, 0, data.length - 1);
        System.out.println("Sorted: " + Arrays.toString(data));

        // Larger deterministic input from a simple LCG
        int[] big = new int[2000];
        long seed = 12345;
        for (int i = 0; i < big.length; i++) {
            seed = (seed * 1103515245L + 12345L) % 2147483648L;
            big[i] = (int) (seed % 10000);
        }
        int[] copy = big.clone();
        quickSort(big, 0, big.length - 1);
        Arrays.sort(copy);
        System.out.println("Matches Arrays.sort: " + Arrays.equals(big, copy));
        System.out.println("Min " + big[0] + ", max " + big[big.length - 1] + ", median " + big[big.length / 2]);
    }
}
