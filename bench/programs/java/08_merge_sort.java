import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<String> mergeSort(List<String> items) {
        if (items.size() <= 1) return items;
        int mid = items.size() / 2;
        List<String> left = mergeSort(new ArrayList<>(items.subList(0, mid)));
        List<String> right = mergeSort(new ArrayList<>(items.subList(mid, items.size())));
        List<String> merged = new ArrayList<>();
        int i = 0, j = 0;
        while (i < left.size() && j < right.size()) {
            if (left.get(i).compareTo(right.get(j)) <= 0) merged.add(left.get(i++));
            else merged.add(right.get(j++));
        }
        while (i < left.size()) merged.add(left.get(i++));
        while (j < right.size()) merged.add(right.get(j++));
        return merged;
    }

    public static void main(String[] args) {
        List<String> words = List.of("pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape");
        System.out.println("Unsorted: " + words);
        System.out.println("Sorted:   " + mergeSort(words));
        List<String> single = List.of("only");
        System.out.println("Single:   " + mergeSort(single));
    }
}
