package main

import (
	"fmt"
	"math/big"
)

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

func lcm(a, b int64) int64 { return a / gcd(a, b) * b }

func extendedGcd(a, b int64) (g, x, y int64) {
	if b == 0 {
		return a, 1, 0
	}
	g, x1, y1 := extendedGcd(b, a%b)
	return g, y1, x1 - (a/b)*y1
}

func main() {
	for _, p := range [][2]int64{{48, 18}, {17, 5}, {100, 75}, {270, 192}, {1071, 462}} {
		g, x, y := extendedGcd(p[0], p[1])
		fmt.Printf("gcd(%d, %d) = %d, lcm = %d, %d*%d + %d*%d = %d\n", p[0], p[1], gcd(p[0], p[1]), lcm(p[0], p[1]), p[0], x, p[1], y, g)
	}
	l := int64(1)
	for i := int64(1); i <= 20; i++ {
		l = lcm(l, i)
	}
	fmt.Println("lcm(1..20) =", l)
	phi := 0
	for i := int64(1); i <= 100; i++ {
		if gcd(i, 100) == 1 {
			phi++
		}
	}
	fmt.Println("phi(100) =", phi)
	big1 := new(big.Int)
	big1.SetString("123456789012345678901234567890", 10)
	big2 := new(big.Int)
	big2.SetString("987654321098765432109876543210", 10)
	fmt.Println("big gcd =", new(big.Int).GCD(nil, nil, big1, big2))
	fmt.Println("3^-1 mod 11 =", new(big.Int).ModInverse(big.NewInt(3), big.NewInt(11)))
}
