public class Main {
    static class CircularQueue {
        private final int[] data;
        private int head, tail, size;

        CircularQueue(int capacity) { data = new int[capacity]; }

        boolean enqueue(int v) {
            if (size == data.length) return false;
            data[tail] = v;
            tail = (tail + 1) % data.length;
            size++;
            return true;
        }

        int dequeue() {
            if (size == 0) throw new IllegalStateException("queue is empty");
            int v = data[head];
            head = (head + 1) % data.length;
            size--;
            return v;
        }

        int size() { return size; }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < size; i++) {
                if (i > 0) sb.append(", ");
                sb.append(data[(head + i) % data.length]);
            }
            return sb.append("]").toString();
        }
    }

    public static void main(String[] args) {
        CircularQueue q = new CircularQueue(4);
        for (int i = 1; i <= 5; i++) {
            System.out.println("enqueue " + i + ": " + (q.enqueue(i) ? "ok" : "full") + " -> " + q);
        }
        System.out.println("dequeue: " + q.dequeue());
        System.out.println("dequeue: " + q.dequeue());
        q.enqueue(6);
        q.enqueue(7);
        System.out.println("after wrap-around: " + q + " size " + q.size());
        while (q.size() > 0) System.out.println("drain: " + q.dequeue());
        try {
            q.dequeue();
        } catch (IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
