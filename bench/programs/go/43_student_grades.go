package main

import (
	"fmt"
	"sort"
)

type Grade int

const (
	GradeA Grade = iota
	GradeB
	GradeC
	GradeD
	GradeF
)

func (g Grade) String() string { return [...]string{"A", "B", "C", "D", "F"}[g] }

func gradeOf(score float64) Grade {
	switch {
	case score >= 90:
		return GradeA
	case score >= 80:
		return GradeB
	case score >= 70:
		return GradeC
	case score >= 60:
		return GradeD
	}
	return GradeF
}

type Student struct {
	Name   string
	Scores []int
}

func (s Student) Average() float64 {
	sum := 0
	for _, v := range s.Scores {
		sum += v
	}
	return float64(sum) / float64(len(s.Scores))
}

func main() {
	students := []Student{
		{"Alice", []int{92, 88, 95, 79}}, {"Bob", []int{75, 64, 81, 70}}, {"Charlie", []int{58, 62, 49, 71}},
		{"Diana", []int{85, 91, 89, 94}}, {"Ethan", []int{66, 73, 70, 68}}, {"Fiona", []int{99, 97, 100, 98}},
	}
	sort.Slice(students, func(i, j int) bool { return students[i].Average() > students[j].Average() })
	byGrade := map[Grade][]string{}
	fmt.Println("Rank  Name      Avg    Grade")
	total := 0.0
	for i, s := range students {
		g := gradeOf(s.Average())
		byGrade[g] = append(byGrade[g], s.Name)
		total += s.Average()
		fmt.Printf("%-5d %-9s %6.2f %v\n", i+1, s.Name, s.Average(), g)
	}
	for g := GradeA; g <= GradeF; g++ {
		fmt.Printf("%v: %v\n", g, byGrade[g])
	}
	avg := total / float64(len(students))
	fmt.Printf("Class average: %.2f (%v)\n", avg, gradeOf(avg))
}
