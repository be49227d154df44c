def fizzbuzz(n)
  if (n % 15).zero?
    'FizzBuzz'
  elsif (n % 3).zero?
    'Fizz'
  elsif (n % 5).zero?
    'Buzz'
  else
    n.to_s
  end
end

results = (1..30).map { |i| fizzbuzz(i) }
results.each { |value| puts value }
counts = results.tally
puts "Fizz: #{counts['Fizz']}, Buzz: #{counts['Buzz']}, FizzBuzz: #{counts['FizzBuzz']}"
