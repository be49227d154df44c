package main

import (
	"fmt"
	"sort"
)

type UnionFind struct {
	parent, rank []int
	sets         int
}

func NewUnionFind(n int) *UnionFind {
	uf := &UnionFind{parent: make([]int, n), rank: make([]int, n), sets: n}
	for i := range uf.parent {
		uf.parent[i] = i
	}
	return uf
}

func (u *UnionFind) Find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *UnionFind) Union(a, b int) bool {
	ra, rb := u.Find(a), u.Find(b)
	if ra == rb {
		return false
	}
	if u.rank[ra] < u.rank[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	if u.rank[ra] == u.rank[rb] {
		u.rank[ra]++
	}
	u.sets--
	return true
}

type Edge struct{ U, V, W int }

func main() {
	cities := "ABCDEFG"
	edges := []Edge{{0, 1, 7}, {0, 3, 5}, {1, 2, 8}, {1, 3, 9}, {1, 4, 7}, {2, 4, 5},
		{3, 4, 15}, {3, 5, 6}, {4, 5, 8}, {4, 6, 9}, {5, 6, 11}}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.W != b.W {
			return a.W < b.W
		}
		if a.U != b.U {
			return a.U < b.U
		}
		return a.V < b.V
	})
	uf := NewUnionFind(len(cities))
	total := 0
	for _, e := range edges {
		label := fmt.Sprintf("%c-%c (%d)", cities[e.U], cities[e.V], e.W)
		if uf.Union(e.U, e.V) {
			total += e.W
			fmt.Println("take", label)
		} else {
			fmt.Println("skip", label+": would form a cycle")
		}
	}
	fmt.Printf("MST weight: %d, components left: %d\n", total, uf.sets)
	friends := NewUnionFind(8)
	for _, p := range [][2]int{{0, 1}, {2, 3}, {1, 4}, {5, 6}, {3, 7}} {
		friends.Union(p[0], p[1])
	}
	roots := make([]int, 8)
	for i := range roots {
		roots[i] = friends.Find(i)
	}
	fmt.Printf("friend groups: %d, roots %v\n", friends.sets, roots)
}
