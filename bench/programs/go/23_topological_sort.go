package main

import (
	"errors"
	"fmt"
	"sort"
)

var errCycle = errors.New("cycle detected")

func topoSort(deps map[string][]string) ([]string, error) {
	indegree := map[string]int{}
	users := map[string][]string{}
	for node, ds := range deps {
		if _, ok := indegree[node]; !ok {
			indegree[node] = 0
		}
		for _, d := range ds {
			if _, ok := indegree[d]; !ok {
				indegree[d] = 0
			}
			indegree[node]++
			users[d] = append(users[d], node)
		}
	}
	var ready []string
	for n, deg := range indegree {
		if deg == 0 {
			ready = append(ready, n)
		}
	}
	sort.Strings(ready)
	var order []string
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		order = append(order, n)
		next := users[n]
		sort.Strings(next)
		for _, u := range next {
			indegree[u]--
			if indegree[u] == 0 {
				ready = append(ready, u)
				sort.Strings(ready)
			}
		}
	}
	if len(order) != len(indegree) {
		return nil, fmt.Errorf("topological sort failed: %w", errCycle)
	}
	return order, nil
}

func main() {
	build := map[string][]string{
		"app":    {"lib", "utils", "config"},
		"lib":    {"utils", "logging"},
		"utils":  {"logging"},
		"tests":  {"app"},
		"config": {},
	}
	order, err := topoSort(build)
	fmt.Println("Build order:", order, err)
	_, err = topoSort(map[string][]string{"a": {"b"}, "b": {"c"}, "c": {"a"}})
	fmt.Println("Cyclic graph:", err, "| is errCycle:", errors.Is(err, errCycle))
}
