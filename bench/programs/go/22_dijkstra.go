package main

import (
	"container/heap"
	"fmt"
	"math"
	"strings"
)

type edge struct{ to, weight int }

type item struct{ node, dist int }

type minHeap []item

func (h minHeap) Len() int            { return len(h) }
func (h minHeap) Less(i, j int) bool  { return h[i].dist < h[j].dist }
func (h minHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x interface{}) { *h = append(*h, x.(item)) }
func (h *minHeap) Pop() interface{} {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func main() {
	names := []string{"A", "B", "C", "D", "E", "F"}
	graph := make([][]edge, len(names))
	for _, e := range [][3]int{{0, 1, 7}, {0, 2, 9}, {0, 5, 14}, {1, 2, 10}, {1, 3, 15}, {2, 3, 11}, {2, 5, 2}, {3, 4, 6}, {4, 5, 9}} {
		graph[e[0]] = append(graph[e[0]], edge{e[1], e[2]})
		graph[e[1]] = append(graph[e[1]], edge{e[0], e[2]})
	}
	dist := make([]int, len(names))
	prev := make([]int, len(names))
	for i := range dist {
		dist[i] = math.MaxInt32
		prev[i] = -1
	}
	dist[0] = 0
	h := &minHeap{{0, 0}}
	for h.Len() > 0 {
		cur := heap.Pop(h).(item)
		if cur.dist > dist[cur.node] {
			continue
		}
		for _, e := range graph[cur.node] {
			if nd := dist[cur.node] + e.weight; nd < dist[e.to] {
				dist[e.to] = nd
				prev[e.to] = cur.node
				heap.Push(h, item{e.to, nd})
			}
		}
	}
	for v := range names {
		var path []string
		for x := v; x != -1; x = prev[x] {
			path = append([]string{names[x]}, path...)
		}
		fmt.Printf("%s -> %s: %d via %s\n", names[0], names[v], dist[v], strings.Join(path, "-"))
	}
}
