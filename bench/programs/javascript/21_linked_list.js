class Node {
  constructor(value, next = null) {
    this.value = value;
    this.next = next;
  }
}

class LinkedList {
  constructor(values = []) {
    this.head = null;
    this.size = 0;
    values.forEach((v) => this.append(v));
  }

  append(value) {
    const node = new Node(value);
    if (!this.head) {
      this.head = node;
    } else {
      let cur = this.head;
      while (cur.next) cur = cur.next;
      cur.next = node;
    }
    this.size++;
  }

  prepend(value) {
    this.head = new Node(value, this.head);
    this.size++;
  }

  remove(value) {
    let prev = null;
    let cur = this.head;
    while (cur) {
      if (cur.value === value) {
        if (prev) prev.next = cur.next;
        else this.head = cur.next;
        this.size--;
        return true;
      }
      prev = cur;
      cur = cur.next;
    }
    return false;
  }

  reverse() {
    let prev = null;
    let cur = this.head;
    while (cur) {
      const next = cur.next;
      cur.next = prev;
      prev = cur;
      cur = next;
    }
    this.head = prev;
  }

  middle() {
    let slow = this.head;
    let fast = this.head;
    while (fast && fast.next) {
      slow = slow.next;
      fast = fast.next.next;
    }
    return slow ? slow.value : null;
  }

  *[Symbol.iterator]() {
    for (let cur = this.head; cur; cur = cur.next) yield cur.value;
  }

  toString() {
    return [...this].join(' -> ') + ' -> None';
  }
}

const list = new LinkedList([1, 2, 3, 4, 5]);
console.log(`List: ${list} (size ${list.size})`);
list.prepend(0);
list.append(6);
console.log(`After prepend/append: ${list}`);
console.log(`Removed 3: ${list.remove(3)} | removed 42: ${list.remove(42)}`);
console.log(`List: ${list} (size ${list.size})`);
console.log(`Middle: ${list.middle()}`);
list.reverse();
console.log(`Reversed: ${list}`);
console.log(`Sum: ${[...list].reduce((a, b) => a + b, 0)}`);
