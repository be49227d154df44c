package main

import (
	"container/heap"
	"fmt"
	"sort"
)

type Task struct {
	Name     string
	Priority int
	Order    int
}

type TaskQueue []*Task

func (q TaskQueue) Len() int { return len(q) }
func (q TaskQueue) Less(i, j int) bool {
	if q[i].Priority != q[j].Priority {
		return q[i].Priority > q[j].Priority
	}
	return q[i].Order < q[j].Order
}
func (q TaskQueue) Swap(i, j int)       { q[i], q[j] = q[j], q[i] }
func (q *TaskQueue) Push(x interface{}) { *q = append(*q, x.(*Task)) }
func (q *TaskQueue) Pop() interface{} {
	old := *q
	t := old[len(old)-1]
	*q = old[:len(old)-1]
	return t
}

type IntMinHeap []int

func (h IntMinHeap) Len() int            { return len(h) }
func (h IntMinHeap) Less(i, j int) bool  { return h[i] < h[j] }
func (h IntMinHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *IntMinHeap) Push(x interface{}) { *h = append(*h, x.(int)) }
func (h *IntMinHeap) Pop() interface{} {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func topK(nums []int, k int) []int {
	h := &IntMinHeap{}
	for _, n := range nums {
		heap.Push(h, n)
		if h.Len() > k {
			heap.Pop(h)
		}
	}
	out := append([]int(nil), (*h)...)
	sort.Sort(sort.Reverse(sort.IntSlice(out)))
	return out
}

func main() {
	q := &TaskQueue{}
	names := []string{"write docs", "fix bug", "deploy", "code review", "lunch", "refactor", "hotfix"}
	prios := []int{2, 5, 3, 3, 1, 2, 5}
	for i := range names {
		heap.Push(q, &Task{names[i], prios[i], i})
	}
	fmt.Printf("Processing %d tasks:\n", q.Len())
	for step := 1; q.Len() > 0; step++ {
		t := heap.Pop(q).(*Task)
		fmt.Printf("  %d. %s(p%d)\n", step, t.Name, t.Priority)
	}
	fmt.Println("top 3:", topK([]int{15, 3, 99, 42, 7, 64, 23, 88, 1, 56}, 3))
	h := &IntMinHeap{9, 4, 7, 1, 8}
	heap.Init(h)
	var sorted []int
	for h.Len() > 0 {
		sorted = append(sorted, heap.Pop(h).(int))
	}
	fmt.Println("heap sort:", sorted)
}
