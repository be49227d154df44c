class Node:
    def __init__(self, value, next_node=None):
        self.value = value
        self.next = next_node


class LinkedList:
    def __init__(self, values=()):
        self.head = None
        self.size = 0
        for v in values:
            self.append(v)

    def append(self, value):
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self.size += 1

    def prepend(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def remove(self, value):
        prev, cur = None, self.head
        while cur:
            if cur.value == value:
                if prev:
                    prev.next = cur.next
                else:
                    self.head = cur.next
                self.size -= 1
                return True
            prev, cur = cur, cur.next
        return False

    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev

    def middle(self):
        slow = fast = self.head
        while fast and fast.next:
            slow = slow.next
            fast = fast.next.next
        return slow.value if slow else None

    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.value
            cur = cur.next

    def __str__(self):
        return " -> ".join(str(v) for v in self) + " -> None"


lst = LinkedList([1, 2, 3, 4, 5])
print("List:", lst, f"(size {lst.size})")
lst.prepend(0)
lst.append(6)
print("After prepend/append:", lst)
print("Removed 3:", lst.remove(3), "| removed 42:", lst.remove(42))
print("List:", lst, f"(size {lst.size})")
print("Middle:", lst.middle())
lst.reverse()
print("Reversed:", lst)
print("Sum:", sum(lst))
