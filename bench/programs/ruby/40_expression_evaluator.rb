PRECEDENCE = { '+' => 1, '-' => 1, '*' => 2, '/' => 2, '%' => 2, '^' => 3 }.freeze
RIGHT_ASSOC = ['^'].freeze

class ParseError < StandardError; end

def tokenize(expr)
  tokens = []
  i = 0
  while i < expr.length
    ch = expr[i]
    if ch =~ /\s/
      i += 1
    elsif ch =~ /[\d.]/
      j = i
      j += 1 while j < expr.length && expr[j] =~ /[\d.]/
      tokens << expr[i...j].to_f
      i = j
    elsif PRECEDENCE.key?(ch) || '()'.include?(ch)
      tokens << 0.0 if ch == '-' && (tokens.empty? || PRECEDENCE.key?(tokens.last) || tokens.last == '(')
      tokens << ch
      i += 1
    else
      raise ParseError, "unexpected character '#{ch}' at #{i}"
    end
  end
  tokens
end

def to_rpn(tokens)
  output = []
  ops = []
  tokens.each do |tok|
    if tok.is_a?(Float)
      output << tok
    elsif tok == '('
      ops << tok
    elsif tok == ')'
      output << ops.pop while !ops.empty? && ops.last != '('
      raise ParseError, 'mismatched parentheses' if ops.empty?

      ops.pop
    else
      while !ops.empty? && ops.last != '(' &&
            (PRECEDENCE[ops.last] > PRECEDENCE[tok] ||
             (PRECEDENCE[ops.last] == PRECEDENCE[tok] && !RIGHT_ASSOC.include?(tok)))
        output << ops.pop
      end
      ops << tok
    end
  end
  until ops.empty?
    op = ops.pop
    raise ParseError, 'mismatched parentheses' if op == '('

    output << op
  end
  output
end

def eval_rpn(rpn)
  stack = []
  rpn.each do |tok|
    if tok.is_a?(Float)
      stack << tok
      next
    end
    b = stack.pop
    a = stack.pop
    raise ZeroDivisionError, 'division by zero' if tok == '/' && b.zero?

    stack << case tok
             when '+' then a + b
             when '-' then a - b
             when '*' then a * b
             when '/' then a / b
             when '%' then a % b
             when '^' then a**b
             end
  end
  stack.first
end

def fmt_number(x)
  x == x.to_i ? x.to_i.to_s : format('%.4f', x)
end

expressions = [
  '1 + 2 * 3',
  '(1 + 2) * 3',
  '10 / 4',
  '2 ^ 3 ^ 2',
  '-5 + 3 * (2 - 8)',
  '17 % 5 + 0.5',
  '((2.5 + 2.5) * (3 - 1)) / 4',
  '100 - 99 - 1',
  '7 / (3 - 3)',
  '(1 + 2',
  '3 $ 4'
]
expressions.each do |expr|
  rpn = to_rpn(tokenize(expr))
  value = eval_rpn(rpn)
  rpn_text = rpn.map { |t| t.is_a?(Float) ? fmt_number(t) : t }.join(' ')
  puts format('%-28s = %-10s RPN: %s', expr, fmt_number(value), rpn_text)
rescue ParseError, ZeroDivisionError => e
  puts format('%-28s ! error: %s', expr, e.message)
end
