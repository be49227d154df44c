class InsufficientFundsError < StandardError; end

class BankAccount
  attr_reader :owner, :balance, :transactions

  def self.interest_rate
    0.02
  end

  def initialize(owner, balance = 0)
    @owner = owner
    @balance = balance
    @transactions = []
  end

  def deposit(amount)
    raise ArgumentError, 'Deposit amount must be positive' unless amount.positive?

    @balance += amount
    @transactions << [:deposit, amount]
  end

  def withdraw(amount)
    raise InsufficientFundsError, "Cannot withdraw #{amount}; balance is #{@balance}" if amount > @balance

    @balance -= amount
    @transactions << [:withdraw, amount]
  end

  def transfer(other, amount)
    withdraw(amount)
    other.deposit(amount)
  end

  def apply_interest
    interest = (@balance * self.class.interest_rate).round(2)
    @balance = (@balance + interest).round(2)
    @transactions << [:interest, interest]
  end

  def to_s
    format('%s: $%.2f', owner, balance)
  end
end

class SavingsAccount < BankAccount
  def self.interest_rate
    0.05
  end
end

alice = BankAccount.new('Alice', 100)
bob = SavingsAccount.new('Bob', 50)
alice.deposit(250)
alice.withdraw(75)
alice.transfer(bob, 125)
begin
  bob.withdraw(1000)
rescue InsufficientFundsError => e
  puts "Error: #{e.message}"
end
begin
  alice.deposit(-5)
rescue ArgumentError => e
  puts "Error: #{e.message}"
end
[alice, bob].each do |account|
  account.apply_interest
  puts account
  account.transactions.each { |kind, amount| puts format('  %-8s %8.2f', kind, amount) }
end
