public class Main {
    static class Node {
        int value;
        Node next;
        Node(int value) { this.value = value; }
    }

    static class LinkedList {
        Node head;
        int size;

        void append(int v) {
            Node n = new Node(v);
            if (head == null) head = n;
            else {
                Node cur = head;
                while (cur.next != null) cur = cur.next;
                cur.next = n;
            }
            size++;
        }

        void prepend(int v) {
            Node n = new Node(v);
            n.next = head;
            head = n;
            size++;
        }

        boolean remove(int v) {
            if (head == null) return false;
            if (head.value == v) { head = head.next; size--; return true; }
            for (Node cur = head; cur.next != null; cur = cur.next) {
                if (cur.next.value == v) { cur.next = cur.next.next; size--; return true; }
            }
            return false;
        }

        void reverse() {
            Node prev = null, cur = head;
            while (cur != null) {
                Node next = cur.next;
                cur.next = prev;
                prev = cur;
                cur = next;
            }
            head = prev;
        }

        Integer middle() {
            if (head == null) return null;
            Node slow = head, fast = head;
            while (fast.next != null && fast.next.next != null) {
                slow = slow.next;
                fast = fast.next.next;
            }
            return slow.value;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Node cur = head; cur != null; cur = cur.next) {
                sb.append(cur.value).append(" -> ");
            }
            return sb.append("null").toString();
        }
    }

    public static void main(String[] args) {
        LinkedList list = new LinkedList();
        for (int i = 1; i <= 5; i++) list.append(i * 10);
        list.prepend(5);
        System.out.println("list:     " + list + " (size " + list.size + ")");
        System.out.println("middle:   " + list.middle());
        System.out.println("remove 30: " + list.remove(30) + ", remove 99: " + list.remove(99));
        System.out.println("list:     " + list + " (size " + list.size + ")");
        list.reverse();
        System.out.println("reversed: " + list);
    }
}
