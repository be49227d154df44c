package main

import "fmt"

type Graph struct {
	adj [][]int
}

func NewGraph(n int) *Graph { return &Graph{adj: make([][]int, n)} }

func (g *Graph) AddEdge(u, v int) {
	g.adj[u] = append(g.adj[u], v)
	g.adj[v] = append(g.adj[v], u)
}

func (g *Graph) Components() [][]int {
	seen := make([]bool, len(g.adj))
	var comps [][]int
	var dfs func(u int, comp *[]int)
	dfs = func(u int, comp *[]int) {
		seen[u] = true
		*comp = append(*comp, u)
		for _, v := range g.adj[u] {
			if !seen[v] {
				dfs(v, comp)
			}
		}
	}
	for i := range g.adj {
		if !seen[i] {
			var comp []int
			dfs(i, &comp)
			comps = append(comps, comp)
		}
	}
	return comps
}

func (g *Graph) HasCycleFrom(start int) bool {
	seen := make([]bool, len(g.adj))
	var visit func(u, parent int) bool
	visit = func(u, parent int) bool {
		seen[u] = true
		for _, v := range g.adj[u] {
			if !seen[v] {
				if visit(v, u) {
					return true
				}
			} else if v != parent {
				return true
			}
		}
		return false
	}
	return visit(start, -1)
}

func main() {
	g := NewGraph(10)
	for _, e := range [][2]int{{0, 1}, {1, 2}, {2, 0}, {3, 4}, {5, 6}, {6, 7}, {7, 8}} {
		g.AddEdge(e[0], e[1])
	}
	comps := g.Components()
	for i, c := range comps {
		note := ""
		if g.HasCycleFrom(c[0]) {
			note = " (has cycle)"
		}
		fmt.Printf("Component %d: %v%s\n", i+1, c, note)
	}
	fmt.Println("Total components:", len(comps))
}
