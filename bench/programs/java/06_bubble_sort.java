import java.util.Arrays;

public class Main {
    static int bubbleSort(int[] a) {
        int swaps = 0;
        for (int i = 0; i < a.length - 1; i++) {
            boolean swapped = false;
            for (int j = 0; j < a.length - 1 - i; j++) {
                if (a[j] > a[j + 1]) {
                    int t = a[j];
                    a[j] = a[j + 1];
                    a[j + 1] = t;
                    swaps++;
                    swapped = true;
                }
            }
            if (!swapped) break;
        }
        return swaps;
    }

    public static void main(String[] args) {
        int[] data = {64, 34, 25, 12, 22, 11, 90, 5};
        System.out.println("Before: " + Arrays.toString(data));
        int swaps = bubbleSort(data);
        System.out.println("After:  " + Arrays.toString(data));
        System.out.println("Swaps: " + swaps);
        int[] sorted = {1, 2, 3, 4, 5};
        System.out.println("Swaps on sorted input: " + bubbleSort(sorted));
    }
}
