def greet(name, excited: false)
  greeting = "Hello, #{name}!"
  greeting = greeting.upcase if excited
  greeting
end

def main
  names = %w[Alice Bob Charlie]
  names.each { |name| puts greet(name) }
  puts greet('world', excited: true)
  puts "Greeted #{names.size + 1} people."
end

main
