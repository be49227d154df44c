PAIRS = { ')' => '(', ']' => '[', '}' => '{' }.freeze

def balanced(expr)
  stack = []
  expr.each_char.with_index do |ch, i|
    if '([{'.include?(ch)
      stack.push(ch)
    elsif PAIRS.key?(ch)
      return [false, i] if stack.empty? || stack.last != PAIRS[ch]

      stack.pop
    end
  end
  stack.empty? ? [true, -1] : [false, expr.length]
end

tests = ['()', '([]{})', '(]', '([)]', '{[()()]}', '((())', 'function(a) { return [a, (b)]; }', '']
tests.each do |t|
  ok, pos = balanced(t)
  puts ok ? "'#{t}': balanced" : "'#{t}': unbalanced at position #{pos}"
end
