package main

import (
	"errors"
	"fmt"
	"math"
)

type InsufficientFundsError struct {
	Owner     string
	Requested int64
	Balance   int64
}

func (e *InsufficientFundsError) Error() string {
	return fmt.Sprintf("%s cannot withdraw %s, balance %s", e.Owner, money(e.Requested), money(e.Balance))
}

var ErrInvalidAmount = errors.New("amount must be positive")

func money(cents int64) string { return fmt.Sprintf("$%d.%02d", cents/100, cents%100) }

type Account struct {
	Owner   string
	balance int64
	history []string
}

func NewAccount(owner string, cents int64) *Account {
	return &Account{Owner: owner, balance: cents, history: []string{"open " + money(cents)}}
}

func (a *Account) Deposit(cents int64) error {
	if cents <= 0 {
		return ErrInvalidAmount
	}
	a.balance += cents
	a.history = append(a.history, "deposit "+money(cents))
	return nil
}

func (a *Account) Withdraw(cents int64) error {
	if cents > a.balance {
		a.history = append(a.history, "FAILED withdraw "+money(cents))
		return &InsufficientFundsError{a.Owner, cents, a.balance}
	}
	a.balance -= cents
	a.history = append(a.history, "withdraw "+money(cents))
	return nil
}

func (a *Account) TransferTo(other *Account, cents int64) error {
	if err := a.Withdraw(cents); err != nil {
		return fmt.Errorf("transfer failed: %w", err)
	}
	return other.Deposit(cents)
}

func (a *Account) ApplyInterest(ratePercent float64) {
	interest := int64(math.Round(float64(a.balance) * ratePercent / 100))
	a.balance += interest
	a.history = append(a.history, "interest "+money(interest))
}

func main() {
	alice := NewAccount("Alice", 10000)
	bob := NewAccount("Bob", 5000)
	_ = alice.Deposit(2550)
	if err := alice.TransferTo(bob, 4000); err != nil {
		fmt.Println("Error:", err)
	}
	if err := bob.TransferTo(alice, 20000); err != nil {
		fmt.Println("Error:", err)
		var ife *InsufficientFundsError
		if errors.As(err, &ife) {
			fmt.Println("  short by", money(ife.Requested-ife.Balance))
		}
	}
	if err := alice.Deposit(-5); errors.Is(err, ErrInvalidAmount) {
		fmt.Println("Error:", err)
	}
	alice.ApplyInterest(2.5)
	bob.ApplyInterest(2.5)
	for _, a := range []*Account{alice, bob} {
		fmt.Printf("%s: %s\n  history: %q\n", a.Owner, money(a.balance), a.history)
	}
}
