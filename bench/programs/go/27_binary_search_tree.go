package main

import (
	"fmt"
	"strings"
)

type Ordered interface {
	~int | ~int64 | ~float64 | ~string
}

type node[T Ordered] struct {
	key         T
	left, right *node[T]
}

type BST[T Ordered] struct {
	root *node[T]
	size int
}

func (t *BST[T]) Insert(key T) {
	p := &t.root
	for *p != nil {
		switch {
		case key < (*p).key:
			p = &(*p).left
		case key > (*p).key:
			p = &(*p).right
		default:
			return
		}
	}
	*p = &node[T]{key: key}
	t.size++
}

func (t *BST[T]) Contains(key T) bool {
	n := t.root
	for n != nil {
		if key < n.key {
			n = n.left
		} else if key > n.key {
			n = n.right
		} else {
			return true
		}
	}
	return false
}

func height[T Ordered](n *node[T]) int {
	if n == nil {
		return 0
	}
	l, r := height(n.left), height(n.right)
	if l > r {
		return l + 1
	}
	return r + 1
}

func (t *BST[T]) InOrder() []T {
	var out []T
	var walk func(*node[T])
	walk = func(n *node[T]) {
		if n == nil {
			return
		}
		walk(n.left)
		out = append(out, n.key)
		walk(n.right)
	}
	walk(t.root)
	return out
}

func (t *BST[T]) PreOrder() []T {
	var out []T
	stack := []*node[T]{}
	if t.root != nil {
		stack = append(stack, t.root)
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out = append(out, n.key)
		if n.right != nil {
			stack = append(stack, n.right)
		}
		if n.left != nil {
			stack = append(stack, n.left)
		}
	}
	return out
}

func main() {
	var tree BST[int]
	for _, v := range []int{50, 30, 70, 20, 40, 60, 80, 35, 45, 65} {
		tree.Insert(v)
	}
	fmt.Println("in-order: ", tree.InOrder())
	fmt.Println("pre-order:", tree.PreOrder())
	fmt.Println("height:   ", height(tree.root), "size:", tree.size)
	fmt.Printf("contains 45: %v, contains 55: %v\n", tree.Contains(45), tree.Contains(55))
	var words BST[string]
	for _, w := range strings.Fields("the quick brown fox jumps over the lazy dog") {
		words.Insert(w)
	}
	fmt.Println("words sorted:", words.InOrder())
}
