class InsufficientFundsError extends Error {}

class BankAccount {
  static interestRate = 0.02;

  constructor(owner, balance = 0) {
    this.owner = owner;
    this.balance = balance;
    this.transactions = [];
  }

  deposit(amount) {
    if (amount <= 0) throw new RangeError('Deposit amount must be positive');
    this.balance += amount;
    this.transactions.push(['deposit', amount]);
  }

  withdraw(amount) {
    if (amount > this.balance) {
      throw new InsufficientFundsError(`Cannot withdraw ${amount}; balance is ${this.balance}`);
    }
    this.balance -= amount;
    this.transactions.push(['withdraw', amount]);
  }

  transfer(other, amount) {
    this.withdraw(amount);
    other.deposit(amount);
  }

  applyInterest() {
    const interest = Math.round(this.balance * this.constructor.interestRate * 100) / 100;
    this.balance = Math.round((this.balance + interest) * 100) / 100;
    this.transactions.push(['interest', interest]);
  }

  toString() {
    return `${this.owner}: $${this.balance.toFixed(2)}`;
  }
}

class SavingsAccount extends BankAccount {
  static interestRate = 0.05;
}

const alice = new BankAccount('Alice', 100);
const bob = new SavingsAccount('Bob', 50);
alice.deposit(250);
alice.withdraw(75);
alice.transfer(bob, 125);
try {
  bob.withdraw(1000);
} catch (e) {
  console.log('Error:', e.message);
}
try {
  alice.deposit(-5);
} catch (e) {
  console.log('Error:', e.message);
}
for (const account of [alice, bob]) {
  account.applyInterest();
  console.log(String(account));
  for (const [kind, amount] of account.transactions) {
    console.log(`  ${kind.padEnd(8)} ${amount.toFixed(2).padStart(8)}`);
  }
}
