package main

import (
	"errors"
	"fmt"
	"strconv"
)

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, errors.New("pop from empty stack")
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

func (s *Stack[T]) Len() int { return len(s.items) }

func check(s string) string {
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var st Stack[rune]
	for i, c := range s {
		switch c {
		case '(', '[', '{':
			st.Push(c)
		case ')', ']', '}':
			open, err := st.Pop()
			if err != nil {
				return fmt.Sprintf("unexpected '%c' at %d", c, i)
			}
			if open != pairs[c] {
				return fmt.Sprintf("mismatch '%c' vs '%c' at %d", open, c, i)
			}
		}
	}
	if st.Len() > 0 {
		return strconv.Itoa(st.Len()) + " unclosed"
	}
	return "balanced"
}

func main() {
	for _, t := range []string{"()", "([]{})", "{[()()]}", "(]", "((())", "())", "func f(a []int) { return a[0] }", ""} {
		fmt.Printf("%-35s %s\n", strconv.Quote(t), check(t))
	}
	var s Stack[int]
	if _, err := s.Pop(); err != nil {
		fmt.Println("error:", err)
	}
}
