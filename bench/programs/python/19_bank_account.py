class InsufficientFundsError(Exception):
    pass


class BankAccount:
    interest_rate = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.transactions = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("Deposit amount must be positive")
        self.balance += amount
        self.transactions.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFundsError(f"Cannot withdraw {amount}; balance is {self.balance}")
        self.balance -= amount
        self.transactions.append(("withdraw", amount))

    def transfer(self, other, amount):
        self.withdraw(amount)
        other.deposit(amount)

    def apply_interest(self):
        interest = round(self.balance * self.interest_rate, 2)
        self.balance = round(self.balance + interest, 2)
        self.transactions.append(("interest", interest))

    def __str__(self):
        return f"{self.owner}: ${self.balance:.2f}"


class SavingsAccount(BankAccount):
    interest_rate = 0.05


alice = BankAccount("Alice", 100)
bob = SavingsAccount("Bob", 50)
alice.deposit(250)
alice.withdraw(75)
alice.transfer(bob, 125)
try:
    bob.withdraw(1000)
except InsufficientFundsError as e:
    print("Error:", e)
try:
    alice.deposit(-5)
except ValueError as e:
    print("Error:", e)
for account in (alice, bob):
    account.apply_interest()
    print(account)
    for kind, amount in account.transactions:
        print(f"  {kind:<8} {amount:>8.2f}")
