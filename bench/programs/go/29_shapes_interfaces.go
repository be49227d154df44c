package main

import (
	"fmt"
	"math"
	"sort"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Circle struct{ R float64 }
type Rectangle struct{ W, H float64 }
type Square struct{ Rectangle }
type Triangle struct{ A, B, C float64 }

func (c Circle) Area() float64      { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }

func (r Rectangle) Area() float64      { return r.W * r.H }
func (r Rectangle) Perimeter() float64 { return 2 * (r.W + r.H) }

func NewSquare(s float64) Square { return Square{Rectangle{s, s}} }

func (t Triangle) Area() float64 {
	s := (t.A + t.B + t.C) / 2
	return math.Sqrt(s * (s - t.A) * (s - t.B) * (s - t.C))
}
func (t Triangle) Perimeter() float64 { return t.A + t.B + t.C }

func name(s Shape) string {
	switch s.(type) {
	case Circle:
		return "Circle"
	case Square:
		return "Square"
	case Rectangle:
		return "Rectangle"
	case Triangle:
		return "Triangle"
	default:
		return "Unknown"
	}
}

func main() {
	shapes := []Shape{Circle{1.5}, Rectangle{3, 4}, NewSquare(2.5), Triangle{3, 4, 5}, Circle{0.5}}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })
	total := 0.0
	for _, s := range shapes {
		fmt.Printf("%-10s area=%8.3f perimeter=%8.3f\n", name(s), s.Area(), s.Perimeter())
		total += s.Area()
	}
	fmt.Printf("Total area: %.3f\n", total)
	if sq, ok := shapes[2].(Square); ok {
		fmt.Printf("Square embeds Rectangle with W=%.1f\n", sq.W)
	}
}
