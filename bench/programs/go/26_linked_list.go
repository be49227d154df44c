package main

import (
	"container/list"
	"fmt"
	"strings"
)

type Node struct {
	Value int
	Next  *Node
}

type LinkedList struct {
	Head *Node
	Size int
}

func (l *LinkedList) Append(v int) {
	n := &Node{Value: v}
	if l.Head == nil {
		l.Head = n
	} else {
		cur := l.Head
		for cur.Next != nil {
			cur = cur.Next
		}
		cur.Next = n
	}
	l.Size++
}

func (l *LinkedList) Prepend(v int) {
	l.Head = &Node{Value: v, Next: l.Head}
	l.Size++
}

func (l *LinkedList) Remove(v int) bool {
	for p := &l.Head; *p != nil; p = &(*p).Next {
		if (*p).Value == v {
			*p = (*p).Next
			l.Size--
			return true
		}
	}
	return false
}

func (l *LinkedList) Reverse() {
	var prev *Node
	cur := l.Head
	for cur != nil {
		cur.Next, prev, cur = prev, cur, cur.Next
	}
	l.Head = prev
}

func (l *LinkedList) Middle() int {
	slow, fast := l.Head, l.Head
	for fast.Next != nil && fast.Next.Next != nil {
		slow, fast = slow.Next, fast.Next.Next
	}
	return slow.Value
}

func (l *LinkedList) String() string {
	var sb strings.Builder
	for n := l.Head; n != nil; n = n.Next {
		fmt.Fprintf(&sb, "%d -> ", n.Value)
	}
	sb.WriteString("nil")
	return sb.String()
}

func main() {
	l := &LinkedList{}
	for i := 1; i <= 5; i++ {
		l.Append(i * 10)
	}
	l.Prepend(5)
	fmt.Printf("list:     %v (size %d)\n", l, l.Size)
	fmt.Println("middle:  ", l.Middle())
	fmt.Printf("remove 30: %v, remove 99: %v\n", l.Remove(30), l.Remove(99))
	fmt.Printf("list:     %v (size %d)\n", l, l.Size)
	l.Reverse()
	fmt.Println("reversed:", l)

	dl := list.New()
	dl.PushBack("b")
	dl.PushFront("a")
	dl.PushBack("c")
	var parts []string
	for e := dl.Back(); e != nil; e = e.Prev() {
		parts = append(parts, e.Value.(string))
	}
	fmt.Println("container/list backwards:", strings.Join(parts, " "))
}
