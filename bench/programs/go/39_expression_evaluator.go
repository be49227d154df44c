package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

type tokenKind int

const (
	tNum tokenKind = iota
	tOp
	tLParen
	tRParen
)

type token struct {
	kind tokenKind
	text string
	num  float64
}

func tokenize(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := rune(s[i])
		switch {
		case c == ' ':
			i++
		case unicode.IsDigit(c) || c == '.':
			j := i
			for j < len(s) && (unicode.IsDigit(rune(s[j])) || s[j] == '.') {
				j++
			}
			v, err := strconv.ParseFloat(s[i:j], 64)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tNum, text: s[i:j], num: v})
			i = j
		case strings.ContainsRune("+-*/^", c):
			toks = append(toks, token{kind: tOp, text: string(c)})
			i++
		case c == '(':
			toks = append(toks, token{kind: tLParen, text: "("})
			i++
		case c == ')':
			toks = append(toks, token{kind: tRParen, text: ")"})
			i++
		default:
			return nil, fmt.Errorf("unexpected character %q at %d", c, i)
		}
	}
	return toks, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() *token {
	if p.pos < len(p.toks) {
		return &p.toks[p.pos]
	}
	return nil
}

func (p *parser) expr() (float64, error) {
	v, err := p.term()
	for err == nil {
		t := p.peek()
		if t == nil || t.kind != tOp || (t.text != "+" && t.text != "-") {
			break
		}
		p.pos++
		var r float64
		if r, err = p.term(); err == nil {
			if t.text == "+" {
				v += r
			} else {
				v -= r
			}
		}
	}
	return v, err
}

func (p *parser) term() (float64, error) {
	v, err := p.power()
	for err == nil {
		t := p.peek()
		if t == nil || t.kind != tOp || (t.text != "*" && t.text != "/") {
			break
		}
		p.pos++
		var r float64
		if r, err = p.power(); err == nil {
			if t.text == "*" {
				v *= r
			} else if r == 0 {
				err = fmt.Errorf("division by zero")
			} else {
				v /= r
			}
		}
	}
	return v, err
}

func (p *parser) power() (float64, error) {
	base, err := p.factor()
	if err != nil {
		return 0, err
	}
	if t := p.peek(); t != nil && t.text == "^" {
		p.pos++
		exp, err := p.power()
		return math.Pow(base, exp), err
	}
	return base, nil
}

func (p *parser) factor() (float64, error) {
	t := p.peek()
	if t == nil {
		return 0, fmt.Errorf("unexpected end of input")
	}
	p.pos++
	switch {
	case t.kind == tNum:
		return t.num, nil
	case t.text == "-":
		v, err := p.factor()
		return -v, err
	case t.kind == tLParen:
		v, err := p.expr()
		if err != nil {
			return 0, err
		}
		if nt := p.peek(); nt == nil || nt.kind != tRParen {
			return 0, fmt.Errorf("missing )")
		}
		p.pos++
		return v, nil
	}
	return 0, fmt.Errorf("unexpected token %q", t.text)
}

func eval(s string) (float64, error) {
	toks, err := tokenize(s)
	if err != nil {
		return 0, err
	}
	p := &parser{toks: toks}
	v, err := p.expr()
	if err == nil && p.pos != len(toks) {
		err = fmt.Errorf("trailing token %q", toks[p.pos].text)
	}
	return v, err
}

func main() {
	for _, e := range []string{"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-(4 - 6) * 2.5", "10 / 4 - 1", "((7))", "1 / 0", "3 + * 4", "(2 + 3", "2 $ 3", "4 4"} {
		if v, err := eval(e); err != nil {
			fmt.Printf("%s -> error: %v\n", e, err)
		} else {
			fmt.Printf("%s = %g\n", e, v)
		}
	}
}
