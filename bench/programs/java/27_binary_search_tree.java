import java.util.ArrayList;
import java.util.List;

public class Main {
    static class BST<T extends Comparable<T>> {
        private class Node {
            T key;
            Node left, right;
            Node(T key) { this.key = key; }
        }

        private Node root;

        void insert(T key) { root = insert(root, key); }

        private Node insert(Node n, T key) {
            if (n == null) return new Node(key);
            int c = key.compareTo(n.key);
            if (c < 0) n.left = insert(n.left, key);
            else if (c > 0) n.right = insert(n.right, key);
            return n;
        }

        boolean contains(T key) {
            Node n = root;
            while (n != null) {
                int c = key.compareTo(n.key);
                if (c == 0) return true;
                n = c < 0 ? n.left : n.right;
            }
            return false;
        }

        int height() { return height(root); }
        private int height(Node n) { return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right)); }

        List<T> inOrder() { List<T> out = new ArrayList<>(); inOrder(root, out); return out; }
        private void inOrder(Node n, List<T> out) {
            if (n == null) return;
            inOrder(n.left, out);
            out.add(n.key);
            inOrder(n.right, out);
        }

        List<T> preOrder() { List<T> out = new ArrayList<>(); preOrder(root, out); return out; }
        private void preOrder(Node n, List<T> out) {
            if (n == null) return;
            out.add(n.key);
            preOrder(n.left, out);
            preOrder(n.right, out);
        }
    }

    public static void main(String[] args) {
        BST<Integer> tree = new BST<>();
        for (int v : new int[]{50, 30, 70, 20, 40, 60, 80, 35, 45, 65}) tree.insert(v);
        System.out.println("in-order:  " + tree.inOrder());
        System.out.println("pre-order: " + tree.preOrder());
        System.out.println("height:    " + tree.height());
        System.out.println("contains 45: " + tree.contains(45) + ", contains 55: " + tree.contains(55));

        BST<String> words = new BST<>();
        for (String w : "the quick brown fox jumps over the lazy dog".split(" ")) words.insert(w);
        System.out.println("words sorted: " + words.inOrder());
    }
}
