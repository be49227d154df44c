def c_to_f(c) = c * 9.0 / 5 + 32
def f_to_c(f) = (f - 32) * 5.0 / 9
def c_to_k(c) = c + 273.15

def classify(c)
  if c.negative? then 'freezing'
  elsif c < 15 then 'cold'
  elsif c < 25 then 'mild'
  else 'hot'
  end
end

puts format('%8s %11s %8s  feel', 'Celsius', 'Fahrenheit', 'Kelvin')
(-20...45).step(5) do |c|
  puts format('%8.1f %11.1f %8.2f  %s', c, c_to_f(c), c_to_k(c), classify(c))
end
puts 'Fahrenheit readings in Celsius:'
[98.6, 32, 212, 0, -40, 71.5].each do |f|
  puts format('  %6.1fF = %7.2fC', f, f_to_c(f))
end
week = [21.5, 23.0, 19.8, 25.4, 27.1, 22.3, 18.9]
avg = week.sum / week.size
puts format('Week average: %.2fC (%.2fF), max %sC, min %sC', avg, c_to_f(avg), week.max, week.min)
