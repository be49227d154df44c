package main

import (
	"fmt"
	"sort"
	"strings"
)

type Employee struct {
	Name   string
	Dept   string
	Salary int
	Age    int
}

func main() {
	staff := []Employee{
		{"Ann", "Engineering", 120000, 34}, {"Ben", "Engineering", 95000, 28},
		{"Cid", "Sales", 60000, 45}, {"Dee", "Sales", 72000, 31},
		{"Eve", "Marketing", 80000, 39}, {"Fay", "Engineering", 105000, 41},
	}
	var seniors []string
	for _, e := range staff {
		if e.Age >= 35 {
			seniors = append(seniors, e.Name)
		}
	}
	sort.Strings(seniors)
	fmt.Println("age >= 35:", seniors)

	byDept := map[string][]Employee{}
	for _, e := range staff {
		byDept[e.Dept] = append(byDept[e.Dept], e)
	}
	depts := make([]string, 0, len(byDept))
	for d := range byDept {
		depts = append(depts, d)
	}
	sort.Strings(depts)
	for _, d := range depts {
		sum := 0
		names := []string{}
		for _, e := range byDept[d] {
			sum += e.Salary
			names = append(names, e.Name)
		}
		fmt.Printf("%-12s avg %10.2f  members %s\n", d, float64(sum)/float64(len(byDept[d])), strings.Join(names, ","))
	}
	payroll := 0
	top := staff[0]
	for _, e := range staff {
		payroll += e.Salary
		if e.Salary > top.Salary {
			top = e
		}
	}
	fmt.Println("payroll:", payroll, "top earner:", top.Name)

	sorted := append([]Employee(nil), staff...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Dept != sorted[j].Dept {
			return sorted[i].Dept < sorted[j].Dept
		}
		return sorted[i].Salary > sorted[j].Salary
	})
	for _, e := range sorted {
		fmt.Printf("  %-4s %-12s %7d\n", e.Name, e.Dept, e.Salary)
	}
	ages := make([]int, len(staff))
	for i, e := range staff {
		ages[i] = e.Age
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ages)))
	fmt.Println("ages descending:", ages)
}
